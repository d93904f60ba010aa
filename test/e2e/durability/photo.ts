/** The photo a durability case carries: every other case (by its clientId's last digit), its own bytes. */
export const withPhoto = (clientId: string) => parseInt(clientId.at(-1)!, 16) % 2 === 0;

/** A JPEG's first bytes, then the clientId many times over: a photo of its own for each case. */
export const photoFor = (clientId: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(clientId.repeat(200))]);
