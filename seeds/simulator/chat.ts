/**
 * Hanoi Chat in the demo: on some reports the citizen asks about progress, the handling side reads
 * and answers, the citizen reads the answer and sometimes thanks them. Pure: a plan of steps in
 * time (the API's simulator carries them out through the chat store), with invented Vietnamese
 * text that holds no contact data.
 *
 * Delays are wall-clock minutes, log-normal like the rest of the simulator's human actions: most
 * answers come within the hour, a few take much longer.
 */
import type { Rng } from './random';

/** Share of live reports whose citizen writes on them. */
export const CHAT_SHARE = 0.15;

export type ChatStepPlan =
  | { kind: 'message'; side: 'citizen' | 'staff'; at: Date; text: string }
  /** The side reads the other side's latest message. */
  | { kind: 'read'; side: 'citizen' | 'staff'; at: Date };

const QUESTIONS = [
  'Chào anh chị, phản ánh của tôi đã được chuyển cho đơn vị nào xử lý ạ?',
  'Cho tôi hỏi bao giờ thì có người đến kiểm tra ạ?',
  'Tình trạng vẫn như cũ, mong cơ quan sớm xử lý giúp.',
  'Tôi có thể gửi thêm ảnh hiện trường ở đâu ạ?',
  'Sáng nay tình trạng nặng hơn, nhờ anh chị xem giúp sớm.',
  'Xin hỏi phản ánh này đã được tiếp nhận chưa ạ?',
] as const;

const ANSWERS = [
  'Chào anh/chị, phản ánh đã được chuyển đến đơn vị phụ trách, dự kiến xử lý trong tuần này.',
  'Cảm ơn anh/chị đã phản ánh. Tổ công tác sẽ đến kiểm tra hiện trường trong ngày mai.',
  'Chúng tôi đã ghi nhận, đơn vị duy tu đang bố trí nhân lực xử lý.',
  'Anh/chị có thể trả lời tin nhắn này kèm đường dẫn ảnh, chúng tôi sẽ bổ sung vào hồ sơ.',
  'Đơn vị đã kiểm tra sơ bộ; kết quả xử lý sẽ được cập nhật trên hệ thống.',
] as const;

const THANKS = ['Cảm ơn anh chị đã phản hồi.', 'Vâng, tôi cảm ơn ạ.', 'Cảm ơn, mong sớm được xử lý.'] as const;

const MINUTE_MS = 60_000;

/** A delay in minutes: log-normal around `median`, clamped to [min, max]. */
function minutes(rng: Rng, median: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, rng.logNormalMedian(median, 0.8))) * MINUTE_MS;
}

/**
 * The steps of one conversation starting at `from` (the report's filing, or now for one already
 * open): a question, the staff's read and answer (when a staff member can answer: `staffAnswers`),
 * the citizen's read, and sometimes thanks that the staff read too.
 */
export function planChat(rng: Rng, from: Date, staffAnswers: boolean): ChatStepPlan[] {
  let t = from.getTime() + minutes(rng, 6, 1, 45);
  const steps: ChatStepPlan[] = [{ kind: 'message', side: 'citizen', at: new Date(t), text: rng.pick(QUESTIONS) }];
  if (!staffAnswers) return steps;
  t += minutes(rng, 10, 1, 120);
  steps.push({ kind: 'read', side: 'staff', at: new Date(t) });
  t += minutes(rng, 5, 1, 60);
  steps.push({ kind: 'message', side: 'staff', at: new Date(t), text: rng.pick(ANSWERS) });
  t += minutes(rng, 15, 2, 240);
  steps.push({ kind: 'read', side: 'citizen', at: new Date(t) });
  if (rng.chance(0.4)) {
    t += minutes(rng, 2, 1, 20);
    steps.push({ kind: 'message', side: 'citizen', at: new Date(t), text: rng.pick(THANKS) });
    t += minutes(rng, 20, 2, 240);
    steps.push({ kind: 'read', side: 'staff', at: new Date(t) });
  }
  return steps;
}
