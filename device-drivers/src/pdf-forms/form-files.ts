/**
 * Reads an installed form: `<id>.form.json` (the definition) and the PDF template it names, both
 * from one directory.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LinliError } from '@linli/protocol/errors';
import { parseFormDefinition, type FormDefinition } from '@linli/protocol/form-definition';

export interface FormFiles {
  definition: FormDefinition;
  template: Uint8Array;
}

async function readOrFail(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new LinliError(
      'FORM_INVALID',
      `The ${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      [{ path: file, message: `${what} missing` }],
    );
  }
}

export async function readFormFiles(directory: string, formId: string): Promise<FormFiles> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(formId))
    throw new LinliError('FORM_INVALID', `Not a form id: ${formId}`, [{ path: 'id', message: 'not a form id' }]);
  const definitionFile = path.join(directory, `${formId}.form.json`);
  let json: unknown;
  try {
    json = JSON.parse((await readOrFail(definitionFile, 'form definition')).toString('utf8'));
  } catch (error) {
    if (error instanceof LinliError) throw error;
    throw new LinliError('FORM_INVALID', `${definitionFile} is not JSON (${(error as Error).message})`, [
      { path: definitionFile, message: 'not JSON' },
    ]);
  }
  const definition = parseFormDefinition(json);
  const template = await readOrFail(path.join(directory, definition.template), 'form template');
  return { definition, template: new Uint8Array(template.buffer, template.byteOffset, template.byteLength) };
}
