/**
 * What a simulated report says: its category, a Vietnamese title and description, and
 * (sometimes) who filed it. Everything is synthetic — template sentences, real street names
 * for plausibility, invented people with reserved example.com/example.org email domains.
 */
import type { Category, CategoryGroup } from '../../core/cityPack';
import { WeightedTable, type Rng } from './random';
import type { Place } from './places';
import { streetsFor } from './streets';

// ---- Category mix ---------------------------------------------------------------------------

/** iHanoi's published split of what citizens send: field incidents dominate, then procedure complaints, then ideas. */
export const IHANOI_SHARE = { field: 0.8, procedure: 0.12, initiative: 0.08 } as const;

/** The report groups' shares (ideas are initiatives, filed apart: seeds/simulator/initiatives.ts). */
export const GROUP_SHARE: Record<CategoryGroup, number> = {
  field: IHANOI_SHARE.field,
  procedure: IHANOI_SHARE.procedure,
};

/**
 * Relative weight of a category inside its group (unlisted categories weigh 1). Traffic, urban
 * order and environment are what citizens see every day, so they lead the field mix.
 */
export const CATEGORY_WEIGHT: Record<string, number> = {
  traffic_roads: 22,
  urban_order_sidewalks: 20,
  environment_waste: 18,
  construction_order: 10,
  lighting_electricity: 7,
  drainage_flooding: 6,
  water_supply: 5,
  trees_parks: 5,
  security_order: 4,
  land_planning: 3,
  administrative_procedure: 3,
  official_conduct: 1,
};

export interface CategoryPicker {
  pick(rng: Rng): Category;
  /** Long-run share of a category code (for tests and docs). */
  share(code: string): number;
}

export function createCategoryPicker(categories: readonly Category[]): CategoryPicker {
  if (categories.length === 0) throw new Error('createCategoryPicker: no categories');
  const groups = (Object.keys(GROUP_SHARE) as CategoryGroup[]).filter((g) => categories.some((c) => c.group === g));
  // Renormalise over the groups the pack actually has, so a pack without initiatives still works.
  const groupTotal = groups.reduce((s, g) => s + GROUP_SHARE[g], 0);
  const weights = categories.map((c) => {
    const inGroup = categories.filter((o) => o.group === c.group);
    const groupWeight = inGroup.reduce((s, o) => s + (CATEGORY_WEIGHT[o.code] ?? 1), 0);
    return ((GROUP_SHARE[c.group] ?? 0) / groupTotal) * ((CATEGORY_WEIGHT[c.code] ?? 1) / groupWeight);
  });
  const table = new WeightedTable(categories, weights);
  return {
    pick: (rng) => table.pick(rng),
    share: (code) => {
      const i = categories.findIndex((c) => c.code === code);
      return i < 0 ? 0 : table.probability(i);
    },
  };
}

// ---- Text -----------------------------------------------------------------------------------

/** One kind of problem: a title pattern and details that fit it. `{where}` is a short place. */
interface Issue {
  title: string;
  details: readonly string[];
}

const ISSUES: Record<string, readonly Issue[]> = {
  traffic_roads: [
    {
      title: 'Ổ gà lớn trên {where}',
      details: [
        'Ổ gà sâu khoảng 15–20 cm, rộng gần 1 m, nhiều xe máy bị sa vào, rất nguy hiểm vào ban đêm.',
        'Mặt đường xuất hiện nhiều ổ gà liên tiếp, trời mưa đọng nước nên người đi đường không nhìn thấy.',
      ],
    },
    {
      title: 'Mặt đường sụt lún, nứt vỡ tại {where}',
      details: [
        'Đoạn đường bị lún sâu và nứt toác sau khi đơn vị thi công hoàn trả mặt đường không đảm bảo.',
        'Mặt đường bong tróc, đá dăm văng ra lòng đường, xe tải đi qua gây bụi và tiếng ồn lớn.',
      ],
    },
    {
      title: 'Đèn tín hiệu giao thông không hoạt động tại {where}',
      details: [
        'Đèn tín hiệu tắt hẳn từ sáng, các phương tiện đi lộn xộn, đã xảy ra va chạm nhỏ.',
        'Đèn chỉ nhấp nháy vàng vào giờ cao điểm khiến nút giao ùn tắc kéo dài.',
      ],
    },
    {
      title: 'Ùn tắc kéo dài giờ cao điểm tại {where}',
      details: [
        'Chiều nào từ 17h đến 19h cũng ùn tắc kéo dài hàng trăm mét, không có lực lượng phân luồng.',
        'Xe dừng đỗ sai quy định hai bên đường làm thu hẹp lòng đường, gây ùn tắc vào giờ tan tầm.',
      ],
    },
    {
      title: 'Nắp hố ga bị vỡ giữa lòng {where}',
      details: [
        'Nắp hố ga bị vỡ một nửa, người dân phải cắm cành cây để cảnh báo, xe máy rất dễ sa vào.',
        'Nắp hố ga bị kênh lên cao hơn mặt đường, xe đi qua phát ra tiếng động lớn và dễ bị ngã.',
      ],
    },
    {
      title: 'Biển báo giao thông bị đổ tại {where}',
      details: [
        'Biển báo cấm rẽ bị gió quật đổ nằm sát mép đường, lái xe không quan sát được.',
        'Biển chỉ dẫn bị cây che khuất hoàn toàn, nhiều xe đi nhầm làn.',
      ],
    },
  ],
  urban_order_sidewalks: [
    {
      title: 'Lấn chiếm vỉa hè kinh doanh tại {where}',
      details: [
        'Các hộ kinh doanh bày bàn ghế, hàng hóa kín vỉa hè, người đi bộ phải đi xuống lòng đường.',
        'Quán ăn lấn chiếm toàn bộ vỉa hè và một phần lòng đường vào buổi tối.',
      ],
    },
    {
      title: 'Trông giữ xe trái phép trên vỉa hè {where}',
      details: [
        'Điểm trông giữ xe tự phát chiếm hết vỉa hè, thu phí cao hơn quy định.',
        'Ô tô đỗ kín vỉa hè cả ngày, xe cứu thương khó ra vào ngõ.',
      ],
    },
    {
      title: 'Họp chợ tạm, chợ cóc gây mất trật tự tại {where}',
      details: [
        'Chợ cóc họp từ 5h sáng tràn ra lòng đường, xả rác bừa bãi sau khi tan chợ.',
        'Người bán hàng rong tụ tập đông, gây ùn tắc và mất vệ sinh.',
      ],
    },
    {
      title: 'Quảng cáo rao vặt dán tràn lan tại {where}',
      details: [
        'Tờ rơi khoan cắt bê tông, cho vay tiền dán kín cột điện và tường nhà dân.',
        'Biển quảng cáo tự phát dựng trên vỉa hè che khuất tầm nhìn của người đi đường.',
      ],
    },
  ],
  environment_waste: [
    {
      title: 'Rác thải tồn đọng tại {where}',
      details: [
        'Rác sinh hoạt không được thu gom nhiều ngày, bốc mùi hôi thối, ruồi nhặng nhiều.',
        'Điểm tập kết rác tự phát ngày càng lớn, tràn cả ra lòng đường.',
      ],
    },
    {
      title: 'Đổ trộm phế thải xây dựng tại {where}',
      details: [
        'Xe tải đổ trộm phế thải xây dựng vào ban đêm, chắn một nửa lòng đường.',
        'Phế thải, đất đá bị đổ thành đống lớn ven đường, chưa được dọn dẹp.',
      ],
    },
    {
      title: 'Đốt rác gây ô nhiễm khói bụi tại {where}',
      details: [
        'Người dân đốt rác và rơm rạ vào chiều tối, khói bao trùm cả khu dân cư.',
        'Có người thường xuyên đốt rác thải nhựa, mùi khét rất khó chịu, ảnh hưởng sức khỏe trẻ nhỏ.',
      ],
    },
    {
      title: 'Mùi hôi từ cơ sở sản xuất tại {where}',
      details: [
        'Cơ sở sản xuất xả khí thải có mùi hắc vào ban đêm, người dân phải đóng kín cửa.',
        'Nước thải chưa qua xử lý chảy ra mương chung, bốc mùi nồng nặc.',
      ],
    },
    {
      title: 'Tiếng ồn kéo dài tại {where}',
      details: [
        'Quán karaoke hoạt động quá 23h, âm thanh lớn ảnh hưởng giấc ngủ của cả khu.',
        'Loa kẹo kéo mở hết công suất từ chiều đến khuya.',
      ],
    },
  ],
  construction_order: [
    {
      title: 'Công trình xây dựng không che chắn tại {where}',
      details: [
        'Công trình không có lưới che chắn, vật liệu rơi xuống đường, bụi mù mịt.',
        'Xe chở vật liệu ra vào công trường không rửa bánh, bùn đất vương vãi khắp đường.',
      ],
    },
    {
      title: 'Xây dựng sai phép, vượt tầng tại {where}',
      details: [
        'Công trình nhà ở được cấp phép 5 tầng nhưng đang xây lên tầng 7.',
        'Chủ nhà cơi nới, xây thêm tum và ban công lấn ra không gian chung.',
      ],
    },
    {
      title: 'Thi công gây nứt nhà liền kề tại {where}',
      details: [
        'Từ khi công trình bên cạnh đào móng, tường nhà tôi xuất hiện nhiều vết nứt.',
        'Công trình đóng cọc vào buổi tối làm rung lắc nhà dân xung quanh.',
      ],
    },
    {
      title: 'Thi công ồn ào ban đêm tại {where}',
      details: [
        'Công trường đổ bê tông và vận hành máy móc sau 22h, ảnh hưởng nghỉ ngơi của người dân.',
        'Xe bồn, xe cẩu hoạt động suốt đêm, tiếng ồn rất lớn.',
      ],
    },
  ],
  lighting_electricity: [
    {
      title: 'Đèn chiếu sáng công cộng bị hỏng tại {where}',
      details: [
        'Cả dãy đèn đường tắt từ nhiều tối nay, đoạn đường tối om, tiềm ẩn nguy cơ mất an ninh.',
        'Đèn đường lúc sáng lúc tắt, có cột đèn bị nghiêng sau trận mưa lớn.',
      ],
    },
    {
      title: 'Dây điện, cáp viễn thông chằng chịt, võng thấp tại {where}',
      details: [
        'Bó dây cáp võng xuống thấp, xe tải đi qua có thể vướng vào.',
        'Dây điện bị bong vỏ gần tủ điện, trời mưa có tia lửa.',
      ],
    },
    {
      title: 'Tủ điện hở, không có khóa tại {where}',
      details: [
        'Tủ điện đặt sát vỉa hè bị mở cửa, trẻ em đi qua rất nguy hiểm.',
        'Tủ điện han gỉ, cửa tủ bị mất, dây dẫn lộ ra ngoài.',
      ],
    },
  ],
  water_supply: [
    {
      title: 'Mất nước sinh hoạt kéo dài tại {where}',
      details: [
        'Khu dân cư bị mất nước liên tục, không có thông báo trước từ đơn vị cấp nước.',
        'Nước chỉ chảy yếu vào ban đêm, các hộ trên cao không có nước dùng.',
      ],
    },
    {
      title: 'Nước máy có màu vàng, mùi lạ tại {where}',
      details: [
        'Nước máy có cặn và màu vàng đục, có mùi clo nồng, người dân không dám sử dụng.',
        'Sau khi sửa đường ống, nước chảy ra có nhiều cặn bẩn.',
      ],
    },
    {
      title: 'Vỡ đường ống cấp nước tại {where}',
      details: [
        'Đường ống bị vỡ, nước phun lên mặt đường gây lãng phí và làm hỏng mặt đường.',
        'Nước rò rỉ từ đường ống ngầm chảy thành dòng ra vỉa hè nhiều ngày.',
      ],
    },
  ],
  drainage_flooding: [
    {
      title: 'Ngập úng sau mưa tại {where}',
      details: [
        'Chỉ sau khoảng 30 phút mưa, nước ngập sâu 30–40 cm, nhiều xe máy chết máy.',
        'Nước ngập tràn vào nhà dân, chậm rút, kéo dài nhiều giờ sau khi tạnh mưa.',
      ],
    },
    {
      title: 'Cống thoát nước bị tắc tại {where}',
      details: [
        'Miệng cống bị rác và bùn đất bịt kín, nước không thoát được.',
        'Hố ga bị tắc, nước thải tràn lên mặt đường, bốc mùi hôi.',
      ],
    },
    {
      title: 'Mương thoát nước ô nhiễm, bốc mùi tại {where}',
      details: [
        'Mương nước đen kịt, rác nổi thành mảng, mùi hôi thối lan cả khu dân cư.',
        'Mương không được nạo vét lâu ngày, mùa mưa nước tràn vào ngõ.',
      ],
    },
  ],
  trees_parks: [
    {
      title: 'Cây xanh có nguy cơ gãy đổ tại {where}',
      details: [
        'Cây lớn bị mục gốc, nghiêng hẳn ra lòng đường, rất nguy hiểm khi có mưa bão.',
        'Cành cây khô lớn treo lơ lửng phía trên vỉa hè, người dân qua lại rất lo ngại.',
      ],
    },
    {
      title: 'Cây đổ chắn ngang đường tại {where}',
      details: [
        'Sau trận mưa giông, cây đổ chắn ngang đường, phương tiện không đi qua được.',
        'Cây gãy đè lên dây điện, khu vực bị mất điện.',
      ],
    },
    {
      title: 'Công viên xuống cấp, thiếu vệ sinh tại {where}',
      details: [
        'Dụng cụ tập thể dục trong vườn hoa bị hỏng, ghế đá vỡ, cỏ mọc um tùm.',
        'Khu vui chơi trẻ em rỉ sét, thiếu thùng rác, nhà vệ sinh công cộng bị khóa.',
      ],
    },
  ],
  security_order: [
    {
      title: 'Tụ tập đua xe, gây mất trật tự tại {where}',
      details: [
        'Nhóm thanh niên tụ tập đua xe, rú ga, lạng lách vào ban đêm.',
        'Nhiều đối tượng tụ tập, gây gổ, có dấu hiệu sử dụng chất cấm.',
      ],
    },
    {
      title: 'Trộm cắp tài sản tại {where}',
      details: [
        'Trong tuần đã có nhiều vụ mất xe máy, mất trộm đồ trước cửa nhà.',
        'Đối tượng lạ mặt thường xuyên lảng vảng, nhìn ngó vào nhà dân vào đêm khuya.',
      ],
    },
  ],
  land_planning: [
    {
      title: 'Lấn chiếm đất công tại {where}',
      details: [
        'Khu đất công bị quây tôn, xây dựng nhà tạm để cho thuê.',
        'Một số hộ dân lấn chiếm hành lang bờ mương để xây dựng, làm ảnh hưởng dòng chảy.',
      ],
    },
    {
      title: 'Đề nghị công khai quy hoạch tại {where}',
      details: [
        'Người dân chưa được biết thông tin quy hoạch chi tiết của khu vực, đề nghị công bố công khai.',
        'Dự án chậm triển khai nhiều năm, đất bỏ hoang, người dân không được xây sửa nhà.',
      ],
    },
    {
      title: 'Chậm cấp giấy chứng nhận quyền sử dụng đất tại {where}',
      details: [
        'Hồ sơ cấp sổ đỏ nộp đã quá hạn nhưng chưa có kết quả, không được giải thích lý do.',
        'Gia đình đã hoàn thành nghĩa vụ tài chính nhưng chưa được cấp giấy chứng nhận.',
      ],
    },
  ],
  administrative_procedure: [
    {
      title: 'Hồ sơ trễ hẹn tại bộ phận một cửa {area}',
      details: [
        'Tôi nộp hồ sơ đúng hạn nhưng đến ngày hẹn vẫn chưa có kết quả, không được thông báo lý do.',
        'Hồ sơ bị yêu cầu bổ sung nhiều lần, mỗi lần một loại giấy tờ khác nhau.',
      ],
    },
    {
      title: 'Dịch vụ công trực tuyến bị lỗi',
      details: [
        'Cổng dịch vụ công báo lỗi khi tải tệp đính kèm, không thể nộp hồ sơ trực tuyến.',
        'Thanh toán lệ phí trực tuyến thành công nhưng hệ thống vẫn báo chưa nộp.',
      ],
    },
    {
      title: 'Đề nghị hướng dẫn thủ tục tại {area}',
      details: [
        'Tôi cần làm thủ tục đăng ký thường trú nhưng thông tin hướng dẫn trên mạng và tại trụ sở khác nhau.',
        'Đề nghị niêm yết rõ thành phần hồ sơ và thời hạn giải quyết thủ tục chứng thực.',
      ],
    },
  ],
  official_conduct: [
    {
      title: 'Thái độ phục vụ chưa đúng mực tại {area}',
      details: [
        'Cán bộ tiếp nhận hồ sơ có thái độ thiếu tôn trọng, không hướng dẫn cụ thể.',
        'Cán bộ trả lời qua loa, yêu cầu người dân quay lại nhiều lần.',
      ],
    },
    {
      title: 'Phản ánh cán bộ gây nhũng nhiễu tại {area}',
      details: [
        'Có dấu hiệu gợi ý nộp thêm tiền để giải quyết hồ sơ nhanh hơn.',
        'Cán bộ tự đặt thêm yêu cầu giấy tờ không có trong quy định.',
      ],
    },
  ],
};

export function hasTemplates(categoryCode: string): boolean {
  return categoryCode in ISSUES;
}

/** Categories a pack adds later still get readable text. */
const GENERIC_ISSUES: readonly Issue[] = [
  {
    title: 'Phản ánh sự việc tại {where}',
    details: ['Sự việc ảnh hưởng đến sinh hoạt của người dân trong khu vực.'],
  },
];

/** How long it has been going on; empty strings leave the sentence out. */
const DURATIONS: Record<CategoryGroup, readonly string[]> = {
  field: [
    'Sự việc xảy ra từ sáng nay.',
    'Tình trạng này đã kéo dài khoảng {n} ngày.',
    'Đã gần một tuần nay chưa được xử lý.',
    'Tình trạng tái diễn nhiều lần trong tháng.',
    'Người dân đã phản ánh với tổ dân phố nhưng chưa được giải quyết.',
    '',
  ],
  procedure: [
    'Hồ sơ đã nộp từ {n} ngày trước.',
    'Tôi đã đến trụ sở {n} lần nhưng chưa được giải quyết.',
    'Sự việc xảy ra trong tuần này.',
    '',
  ],
};

const REQUESTS: Record<CategoryGroup, readonly string[]> = {
  field: [
    'Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.',
    'Kính đề nghị chính quyền {area} vào cuộc giải quyết dứt điểm.',
    'Mong các đơn vị liên quan sớm khắc phục để đảm bảo an toàn cho người dân.',
    'Rất mong nhận được phản hồi sớm. Xin cảm ơn!',
    'Đề nghị xử lý dứt điểm, tránh tái diễn.',
  ],
  procedure: [
    'Đề nghị lãnh đạo {area} xem xét, chấn chỉnh.',
    'Kính mong được hướng dẫn và giải quyết đúng thời hạn.',
    'Rất mong nhận được phản hồi sớm. Xin cảm ơn!',
  ],
};

/** "Phường Láng" → "phường Láng": the unit type is lower-case in running text. */
function inlineAreaName(nameVi: string): string {
  return nameVi.replace(/^(Phường|Xã|Thị trấn)(?=\s)/, (m) => m.toLowerCase());
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

export interface ReportText {
  title: string;
  description: string;
}

export function composeText(category: Pick<Category, 'code' | 'group'>, place: Place, rng: Rng): ReportText {
  const issues = ISSUES[category.code] ?? GENERIC_ISSUES;
  const issue = rng.pick(issues);
  const area = inlineAreaName(place.communeNameVi);
  const { short, full } = streetsFor(place, rng);
  const vars = { where: short, area, n: String(rng.intBetween(2, 10)) };
  const title = fill(issue.title, vars);
  const parts = [
    // A procedure complaint is about an office, not a spot on a street.
    category.group === 'procedure' ? `Nơi giải quyết: ${area}.` : `Địa điểm: ${full}, ${area}.`,
    rng.pick(issue.details),
    fill(rng.pick(DURATIONS[category.group] ?? DURATIONS.field), vars),
    fill(rng.pick(REQUESTS[category.group] ?? REQUESTS.field), vars),
  ];
  return { title, description: parts.filter(Boolean).join(' ') };
}

// ---- Reporter ---------------------------------------------------------------------------------

export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** iHanoi lets citizens report anonymously; roughly 60% leave a way to reach them. */
export const CONTACT_PROBABILITY = 0.6;
const NAME_GIVEN_PROBABILITY = 0.9;
const PHONE_GIVEN_PROBABILITY = 0.85;
const EMAIL_GIVEN_PROBABILITY = 0.35;

/** Family names with rough national frequencies (Nguyễn ≈ 38%). */
const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Phan',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Ngô',
  'Dương',
  'Hồ',
  'Lý',
];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 4, 4.5, 2.1, 2, 1.4, 1.3, 1, 1.3, 0.5];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thành', 'Xuân', 'Tiến', 'Mạnh', 'Ngọc'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Phương', 'Thùy', 'Lan', 'Kim'];
const GIVEN_MALE = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Nam',
  'Hải',
  'Long',
  'Minh',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Hiếu',
  'Đạt',
  'Phong',
  'Khánh',
  'Bình',
  'Cường',
  'Huy',
];
const GIVEN_FEMALE = [
  'Lan',
  'Hương',
  'Hà',
  'Linh',
  'Trang',
  'Thảo',
  'Hoa',
  'Mai',
  'Nga',
  'Hằng',
  'Ngọc',
  'Yến',
  'Huyền',
  'Thủy',
  'Phương',
  'Vân',
  'Anh',
  'Dung',
];
/** RFC 2606 reserved domains: a synthetic address can never reach a real inbox. */
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

const FAMILY_TABLE = new WeightedTable(FAMILY_NAMES, FAMILY_WEIGHTS);

/** Vietnamese → ASCII for email local parts ("Nguyễn Thị Hằng" → "nguyen thi hang"). */
export function toAsciiVi(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** A Vietnamese full name (family, middle, given), with the country's family-name frequencies. */
export function fakeName(rng: Rng): string {
  const female = rng.chance(0.5);
  const family = FAMILY_TABLE.pick(rng);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${family} ${middle} ${given}`;
}

/** A mobile number as Viettel/MobiFone/Vinaphone give them: 10 digits starting 09. */
export function fakePhone(rng: Rng): string {
  return `09${String(rng.int(100_000_000)).padStart(8, '0')}`;
}

export function fakeReporter(rng: Rng): ReporterContact | undefined {
  if (!rng.chance(CONTACT_PROBABILITY)) return undefined;
  const name = fakeName(rng);
  const contact: ReporterContact = {};
  if (rng.chance(NAME_GIVEN_PROBABILITY)) contact.name = name;
  if (rng.chance(PHONE_GIVEN_PROBABILITY)) contact.phone = fakePhone(rng);
  if (rng.chance(EMAIL_GIVEN_PROBABILITY) || (!contact.name && !contact.phone)) {
    const [f, m, g] = toAsciiVi(name).split(' ');
    const local = rng.pick([
      `${f}${m}${g}`,
      `${g}.${f}`,
      `${g}${f}${rng.intBetween(60, 99)}`,
      `${f}.${g}${rng.intBetween(1, 99)}`,
    ]);
    contact.email = `${local}@${rng.pick(EMAIL_DOMAINS)}`;
  }
  return contact;
}
