import { AppError } from '../errors';

/** Refusals of the reception's moves, each with its own code (api/errors.ts maps them). */
export class SlotFull extends AppError {
  constructor() {
    super(409, 'slot_full', 'Every seat of this slot is booked / Lịch tiếp này đã hết chỗ', 'slot');
  }
}

export class SlotCancelled extends AppError {
  constructor() {
    super(409, 'slot_cancelled', 'The office cancelled this slot / Lịch tiếp này đã bị hủy', 'slot');
  }
}

export class SlotClosed extends AppError {
  constructor() {
    super(409, 'slot_closed', 'This slot has begun or passed / Lịch tiếp này đã bắt đầu hoặc đã qua', 'slot');
  }
}

export class SlotNotStarted extends AppError {
  constructor() {
    super(
      409,
      'slot_not_started',
      'Attendance is marked once the slot has begun / Chỉ ghi nhận có mặt khi buổi tiếp đã bắt đầu',
      'slot',
    );
  }
}

export class CapacityBelowBooked extends AppError {
  constructor(booked: number) {
    super(
      409,
      'capacity_below_booked',
      `capacity: ${booked} seats are booked already / Đã có ${booked} lượt đăng ký`,
      'capacity',
    );
  }
}

export class BookingNotCancellable extends AppError {
  constructor(status: string) {
    super(409, 'booking_not_cancellable', `The booking is ${status} / Lịch hẹn không thể hủy`, 'code');
  }
}

export class BookingNotMarkable extends AppError {
  constructor(status: string) {
    super(409, 'booking_not_markable', `The booking is ${status} / Lịch hẹn không thể ghi nhận`, 'outcome');
  }
}

export class UnknownOffice extends AppError {
  constructor(code: string) {
    super(
      400,
      'unknown_office',
      `office: ${code} is not a reception office of the city / Không có nơi tiếp công dân mã này`,
      'office',
    );
  }
}
