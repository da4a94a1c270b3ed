import type { ReportContent } from '../../core/reportContent';

/**
 * Report text for a pack that brings none: titles from the category's own name, numbered blocks
 * for addresses, a few common names. Plain on purpose — a city's content file makes it believable
 * (seeds/README.md). One per interface language; the pack's first language is used.
 */
const EN: ReportContent = {
  language: 'en',
  categoryWeights: {},
  hotZones: {},
  issues: {},
  genericIssues: [
    { title: '{category} near {where}', details: ['Residents nearby are affected.', 'It has been reported before.'] },
    { title: '{category} reported at {where}', details: ['The problem is visible from the street.'] },
  ],
  durations: {
    field: ['It started this morning.', 'It has gone on for about {n} days.', ''],
    procedure: ['The application was filed {n} days ago.', ''],
  },
  requests: {
    field: ['Please send someone to check.', 'Please fix this as soon as possible.'],
    procedure: ['Please look into this case.'],
  },
  location: { field: 'Location: {full}, {area}.', procedure: 'Office: {area}.' },
  streets: {
    byDistrict: {},
    villages: [],
    ruralMainRoadProbability: 1,
    urbanForms: ['{n} {street}'],
    junction: '{name} and {otherName}',
    sameStreet: '{street}',
    ruralOnRoad: '{street}',
    urbanNoStreet: { short: 'block {group}', full: 'block {group}', groups: [1, 99] },
    ruralNoStreet: { short: 'block {village}', full: ['block {village}'] },
  },
  people: {
    contactProbability: 0.6,
    familyNames: [
      ['Smith', 1],
      ['Johnson', 1],
      ['Garcia', 1],
      ['Lee', 1],
      ['Brown', 1],
    ],
    given: { male: ['James', 'David', 'Luis', 'Kevin'], female: ['Mary', 'Maria', 'Linda', 'Grace'] },
    order: ['given', 'family'],
    // Fictional numbers (555-01xx is reserved for fiction in North America).
    phone: { prefix: '555-01', digits: 2 },
  },
};

const VI: ReportContent = {
  ...EN,
  language: 'vi',
  genericIssues: [
    { title: '{category} tại {where}', details: ['Sự việc ảnh hưởng đến sinh hoạt của người dân trong khu vực.'] },
  ],
  durations: { field: ['Sự việc xảy ra từ sáng nay.', ''], procedure: ['Hồ sơ đã nộp từ {n} ngày trước.', ''] },
  requests: {
    field: ['Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.'],
    procedure: ['Kính mong được giải quyết đúng thời hạn.'],
  },
  location: { field: 'Địa điểm: {full}, {area}.', procedure: 'Nơi giải quyết: {area}.' },
  streets: {
    ...EN.streets,
    urbanNoStreet: { short: 'tổ dân phố số {group}', full: 'tổ dân phố số {group}', groups: [1, 30] },
  },
  people: {
    ...EN.people,
    familyNames: [
      ['Nguyễn', 38],
      ['Trần', 11],
      ['Lê', 9.5],
    ],
    middle: { male: ['Văn', 'Đức'], female: ['Thị', 'Thu'] },
    given: { male: ['Hùng', 'Nam'], female: ['Lan', 'Hương'] },
    order: ['family', 'middle', 'given'],
    phone: { prefix: '09', digits: 8 },
  },
};

export function fallbackContent(language: 'vi' | 'en'): ReportContent {
  return language === 'vi' ? VI : EN;
}
