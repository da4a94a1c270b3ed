import { z } from 'zod';
import {
  CHAT_IMAGE_URL_MAX_CHARS,
  CHAT_IMAGES_MAX,
  CHAT_SUBJECT_MAX_CHARS,
  CHAT_TEXT_MAX_CHARS,
} from '../../core/chat';
import { idNumber, plainText } from '../schemas';
import { hasBidi, isWellFormed } from '../text';

/**
 * An image is a link to a photo the citizen's app or the desk uploaded elsewhere: https only (a
 * staff browser must not be sent to plain http or to a `javascript:` URL), bounded in length.
 */
const imageUrl = z
  .url({ protocol: /^https$/, error: 'must be an https URL / phải là địa chỉ https' })
  .max(CHAT_IMAGE_URL_MAX_CHARS)
  .refine((u) => isWellFormed(u) && !hasBidi(u), 'must not contain bidirectional controls');

export const chatMessageBody = z
  .object({
    text: plainText(1, CHAT_TEXT_MAX_CHARS),
    images: z.array(imageUrl).max(CHAT_IMAGES_MAX).optional(),
  })
  .strict();
export type ChatMessageBody = z.infer<typeof chatMessageBody>;

export const chatReadBody = z.object({ lastReadId: idNumber }).strict();

/** An operator opens a general thread with its subject and a first message. */
export const openThreadBody = chatMessageBody.extend({ subject: plainText(3, CHAT_SUBJECT_MAX_CHARS) }).strict();
