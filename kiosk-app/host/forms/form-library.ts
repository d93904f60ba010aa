/** The forms a kiosk offers: every `<id>.form.json` with its PDF template in the forms folder. */
import { readdirSync } from 'node:fs';
import { LinliError } from '@linli/protocol';
import { readFormFiles, type FormFiles } from '@linli/device-drivers/pdf-forms/form-files';

/** Reads all forms at start-up; a broken one stops start-up naming its file, like a bad devices file. */
export async function loadFormLibrary(directory: string): Promise<FormFiles[]> {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.form.json'));
  } catch (error) {
    throw new LinliError(
      'CONFIG_INVALID',
      `Forms folder ${directory} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const forms: FormFiles[] = [];
  for (const name of names.sort()) {
    try {
      forms.push(await readFormFiles(directory, name.slice(0, -'.form.json'.length)));
    } catch (error) {
      const reason = error instanceof LinliError ? error.message : String(error);
      throw new LinliError(
        'CONFIG_INVALID',
        `Form ${name} in ${directory}: ${reason}`,
        error instanceof LinliError ? error.details : undefined,
      );
    }
  }
  return forms;
}
