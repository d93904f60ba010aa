/**
 * What a screen, a receipt or a reply may show of personal data: enough for residents to recognise
 * their own, not enough to copy it. Kiosks, clerk desks and the admin server mask with these same
 * rules.
 */

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; Latin names keep their first letters per word. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
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

/** A utility account number: only the last four stay (1000012345 → ******2345). */
export function maskAccountNumber(accountNumber: string): string {
  if (accountNumber.length <= 4) return '*'.repeat(accountNumber.length);
  return `${'*'.repeat(accountNumber.length - 4)}${accountNumber.slice(-4)}`;
}

/**
 * An address: the street, estate and building stay, the numbers after the building do not
 * (幸福路街道阳光社区3栋2单元501室 → 幸福路街道阳光社区3栋*单元***室).
 */
export function maskAddress(address: string): string {
  let runs = 0;
  return address.trim().replace(/\d+/g, (digits) => (runs++ === 0 ? digits : '*'.repeat(digits.length)));
}

/** A mobile number: 13812345678 → 138****5678; anything else keeps only its last four. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return maskAccountNumber(digits);
}
