/**
 * The forms this kiosk offers now: those installed in its forms folder and those the admin server
 * sent, a sent form replacing an installed one of the same id. A sent form is offered only once its
 * PDF template is stored and verified.
 */
import { readFile } from 'node:fs/promises';
import type { DeviceForm, FormDefinition } from '@linli/protocol';
import type { FormFiles } from '@linli/device-drivers/pdf-forms/form-files';

export interface FormCatalog {
  definitions(): FormDefinition[];
  /** The definition and template bytes, or undefined when this kiosk does not offer the form. */
  get(id: string): Promise<FormFiles | undefined>;
}

export function createFormCatalog(deps: {
  installed: FormFiles[];
  held: () => DeviceForm[];
  /** Where a stored, verified file is; undefined while it is not. */
  templatePath: (sha256: string) => string | undefined;
}): FormCatalog {
  const ready = () => deps.held().filter((form) => deps.templatePath(form.template.sha256) !== undefined);
  return {
    definitions() {
      const sent = ready();
      const installed = deps.installed.filter(({ definition }) => !sent.some((form) => form.id === definition.id));
      return [...installed.map((form) => form.definition), ...sent.map((form) => form.definition)];
    },
    async get(id) {
      const sent = ready().find((form) => form.id === id);
      if (!sent) return deps.installed.find((form) => form.definition.id === id);
      const template = await readFile(deps.templatePath(sent.template.sha256)!);
      return {
        definition: sent.definition,
        template: new Uint8Array(template.buffer, template.byteOffset, template.byteLength),
      };
    },
  };
}
