/** What the screen may show of an ID card: enough to recognise one's own card, not to copy it. */
import type { IdCardData, MaskedIdCard } from '@linli/protocol';

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; Latin names keep their first letters per word. */
export function maskName(name: string): string {
  const characters = [...name];
  if (/^[\p{Script=Latin}\s,.'-]+$/u.test(name))
    return name.replace(/(\p{L})\p{L}*/gu, (_word, first: string) => `${first}***`);
  if (characters.length <= 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters.at(-1)}`;
}

/** 11010519491231002X → 1101**********002X: region prefix and the last four stay. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

export function maskIdCard(card: IdCardData): MaskedIdCard {
  return {
    cardType: card.cardType,
    name: maskName(card.name),
    idNumber: maskIdNumber(card.idNumber),
    gender: card.gender,
    ...(card.nation ? { nation: card.nation } : {}),
    ...(card.nationality ? { nationality: card.nationality } : {}),
    validTo: card.validTo,
  };
}
