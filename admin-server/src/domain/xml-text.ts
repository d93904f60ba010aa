/**
 * Text put into a server-made XML document (CAP, Open311, XMLTV): the five characters XML gives
 * meaning as character references, and the control characters XML 1.0 forbids dropped.
 */
export const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
