/** What the screen may show of an ID card: enough to recognise one's own card, not to copy it. */
import { maskIdNumber, maskName, type IdCardData, type MaskedIdCard } from '@linli/protocol';

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
