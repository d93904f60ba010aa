/**
 * A made-up resident and their answers for filling the demo forms in tests and the bench: Chinese
 * with characters only the fallback font has (𠀀 in the name and address, 䶮 in the street).
 */
import type { IdCardData } from '@linli/protocol/peripherals';

export const SAMPLE_CARD: IdCardData = {
  cardType: 'resident',
  name: '张喆𠀀',
  gender: 'male',
  nation: '汉',
  birthDate: '1958-03-07',
  address: '北京市东城区安定门街道交道口北二条𠀀号院3号楼2单元501室',
  idNumber: '11010119580307002X',
  issuer: '北京市公安局东城分局',
  validFrom: '2015-01-01',
  validTo: '长期',
};

export const SAMPLE_ANSWERS = {
  currentAddress: '北京市东城区交道口南大街䶮巷12号',
  livingSince: '2019-05-01',
  phone: '13800138000',
  housing: '租住',
  reason: '孩子明年上小学，需要开具居住证明。\n另：本人自2019年起一直在此居住，房东为王建国。',
  purpose: '子女入学',
  family: '李芳（配偶）、张小明（子）',
};
