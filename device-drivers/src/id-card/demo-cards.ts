/**
 * Made-up cards for the simulator, demos and tests, one of each type. The resident number is the
 * example from GB 11643 itself; the others are constructed with valid check characters.
 */
import type { IdCardData } from '@linli/protocol';

export const DEMO_CARDS = {
  resident: {
    cardType: 'resident',
    name: '张小三',
    gender: 'male',
    nation: '汉',
    birthDate: '1949-12-31',
    address: '北京市东城区安定门街道交道口北二条十八号',
    idNumber: '11010519491231002X',
    issuer: '北京市公安局东城分局',
    validFrom: '2015-06-01',
    validTo: '长期',
  },
  hongKongPermit: {
    cardType: 'hk-mo-tw-permit',
    name: '陈大文',
    gender: 'male',
    birthDate: '1980-01-01',
    address: '广东省深圳市福田区福田街道福华路一号',
    idNumber: '810000198001010014',
    issuer: '深圳市公安局',
    validFrom: '2020-09-01',
    validTo: '2025-09-01',
    passNumber: 'H12345678',
    issueCount: 1,
  },
  foreign2017: {
    cardType: 'foreign-permanent-2017',
    name: '李明',
    englishName: 'SMITH, JOHN',
    gender: 'male',
    nationality: 'CAN',
    birthDate: '1975-03-15',
    idNumber: 'CAN110075031501',
    validFrom: '2018-05-20',
    validTo: '2028-05-20',
  },
  foreign2023: {
    cardType: 'foreign-permanent-2023',
    name: '王玛丽',
    englishName: 'GARCIA LOPEZ, MARIA ISABEL DE LOS ANGELES',
    gender: 'female',
    nationality: 'ESP',
    birthDate: '1990-07-04',
    idNumber: '911100199007040024',
    validFrom: '2024-01-10',
    validTo: '2034-01-10',
  },
} satisfies Record<string, IdCardData>;
