import type { Category, Severity } from '../../core/cityPack';
import type { Lang } from './locale';

/**
 * What a service (a category) asks besides GeoReport v2's own fields, defined once: the service
 * definitions list them, POST requests reads `attribute[code]` by them. Each has a name per
 * language and a rule for what the answer does to the report.
 */
interface Choice {
  key: string;
  name: Record<Lang, string>;
}

export interface AttributeSpec {
  code: string;
  datatype: 'string' | 'singlevaluelist';
  description: Record<Lang, string>;
  /** For a list: its choices. */
  values?: Choice[];
  /** The categories that ask it. */
  appliesTo(c: Category): boolean;
}

/** An urgent report is handled within the pack's urgent deadline (4 working hours in Hanoi). */
export const URGENT: AttributeSpec = {
  code: 'urgent',
  datatype: 'singlevaluelist',
  description: {
    vi: 'Có nguy hiểm trước mắt cho người hoặc xe cộ không?',
    en: 'Is anyone or any traffic in immediate danger?',
  },
  values: [
    { key: 'no', name: { vi: 'Không', en: 'No' } },
    { key: 'yes', name: { vi: 'Có, cần xử lý khẩn', en: 'Yes, urgent' } },
  ],
  // A danger in the street: field reports; an administrative procedure is never an emergency.
  appliesTo: (c) => c.group === 'field',
};

/** Our reports have a title; a client that sends none gets the description's first line. */
export const TITLE: AttributeSpec = {
  code: 'title',
  datatype: 'string',
  description: {
    vi: 'Tiêu đề ngắn (3–200 ký tự); nếu bỏ trống, lấy dòng đầu của mô tả',
    en: "A short title (3–200 characters); the description's first line when absent",
  },
  appliesTo: () => true,
};

export const ATTRIBUTES: readonly AttributeSpec[] = [URGENT, TITLE];

export function attributesOf(c: Category): AttributeSpec[] {
  return ATTRIBUTES.filter((a) => a.appliesTo(c));
}

/** The severity a filing asks for: urgent when the urgent attribute says yes, else the category's own. */
export function severityOf(c: Category, answers: Record<string, string>): Severity {
  return answers[URGENT.code] === 'yes' && URGENT.appliesTo(c) ? 'urgent' : c.severity;
}

/** A service definition's attributes, in the standard's element order. */
export function definitionOf(c: Category, lang: Lang) {
  return attributesOf(c).map((a, i) => ({
    variable: true,
    code: a.code,
    datatype: a.datatype,
    required: false,
    datatype_description: null,
    order: i + 1,
    description: a.description[lang],
    ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name[lang] })) } : {}),
  }));
}
