/** A question with fixed answers (房屋性质: 自有 / 租住 / 借住) as large buttons, one of them chosen. */
export function ChoiceButtons(props: {
  labelId: string;
  choices: readonly string[];
  value: string;
  onValue: (choice: string) => void;
  describedBy?: string;
}) {
  return (
    <div class="choice-buttons" role="radiogroup" aria-labelledby={props.labelId} aria-describedby={props.describedBy}>
      {props.choices.map((choice) => (
        <button
          type="button"
          role="radio"
          key={choice}
          aria-checked={props.value === choice}
          onClick={() => props.onValue(choice)}
        >
          {choice}
        </button>
      ))}
    </div>
  );
}
