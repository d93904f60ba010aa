/**
 * 预约取号 on a phone (no account, no script): the halls taking bookings, a hall's businesses, a
 * business's days and slots with the places left, then the phone number (and, to check in by card,
 * the ID number) — a mistake is said beside its field and nothing is booked; booked, the page shows
 * the 8-digit code to type at the hall's kiosk. 我的预约 finds a booking again by its code and the
 * phone's last four digits, and cancels it.
 */
import {
  AppointmentRequest,
  LinliError,
  validationErrors,
  type AppointmentOffer,
  type AppointmentView,
  type ErrorCode,
} from '@linli/protocol';
import Type from 'typebox';
import type { QueueAppointments } from '../domain/queue-appointments';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

export const QUEUE_BOOKING_PATH = '/queue/book';
export const QUEUE_BOOKING_FIND_PATH = '/queue/booking';
const FORM_LIMIT = 2048;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const STYLE = `form{display:grid;gap:.75rem}label{display:grid;gap:.25rem}
input[type=tel],input[inputmode=numeric],input[type=text]{font:inherit;padding:.5rem;border:1px solid #8a94a0;border-radius:8px}
button{font:inherit;padding:.6rem;border:0;border-radius:8px;background:#0b57d0;color:#fff}
button.cancel{background:#fff;color:#b3261e;border:1px solid #b3261e}
.error{color:#b3261e}.links a{display:block;padding:.75rem;margin:.5rem 0;border:1px solid #8a94a0;border-radius:8px;text-decoration:none}
fieldset{border:1px solid #c4c9d0;border-radius:8px}.slots{display:flex;flex-wrap:wrap;gap:.5rem}
.slots label{display:flex;gap:.25rem;align-items:center;padding:.4rem .6rem;border:1px solid #c4c9d0;border-radius:8px}
.full{color:#6b7280}.days{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.days a{font-size:.9rem;padding:.3rem .5rem;border:1px solid #c4c9d0;border-radius:8px;text-decoration:none}
.days a[aria-current]{border-color:#0b57d0;background:#0b57d0;color:#fff}.code{font-size:2.5rem;font-weight:700;letter-spacing:.1em;color:#0b57d0;margin:.25rem 0}`;

const page = (title: string, body: string) => publicPageHtml({ title, width: '32rem', style: STYLE, body });
const errorLine = (message?: string) => (message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '');
/** 12/07 周一: a day's link, short enough for four to a phone's line. */
const dayShort = (date: string) =>
  `${date.slice(5, 7)}/${date.slice(8, 10)} 周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
const dayName = (date: string) =>
  `${date.slice(5, 7)}月${date.slice(8, 10)}日（周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}）`;

/** What the resident typed, kept when the form is shown again. */
interface Typed {
  slot?: string;
  phone?: string;
  idNumber?: string;
}
type FieldErrors = Partial<Record<'slot' | 'phone' | 'idNumber', string>>;

export function hallListHtml(halls: { id: number; name: string }[]): string {
  const links = halls.map((hall) => `<a href="${QUEUE_BOOKING_PATH}/${hall.id}">${escapeHtml(hall.name)}</a>`).join('');
  return page(
    '预约取号',
    `<h1>预约取号</h1><section class="links">${links || '<p>目前没有可预约的服务大厅。</p>'}</section>
<p class="note"><a href="${QUEUE_BOOKING_FIND_PATH}">查看或取消我的预约</a></p>`,
  );
}

export function businessListHtml(offer: AppointmentOffer): string {
  const links = offer.businesses
    .map(
      (business) => `<a href="${QUEUE_BOOKING_PATH}/${offer.hallId}/${business.id}">${escapeHtml(business.name)}</a>`,
    )
    .join('');
  return page(
    '预约取号',
    `<h1>预约取号</h1><p class="note">${escapeHtml(offer.hallName)}</p><p>请选择要办理的业务</p>
<section class="links">${links || '<p>这个服务大厅目前没有可预约的业务。</p>'}</section>`,
  );
}

/**
 * A business's booking form: the days as links (the one shown marked), the shown day's slots, the
 * phone and the ID number. The day shown is `date` when offered (or the day of the slot typed),
 * else the first.
 */
export function slotFormHtml(
  offer: AppointmentOffer,
  businessId: string,
  options: { date?: string; typed?: Typed; errors?: FieldErrors; summary?: string } = {},
): string {
  const { typed = {}, errors = {}, summary } = options;
  const business = offer.businesses.find((entry) => entry.id === businessId)!;
  const field = (name: keyof FieldErrors) =>
    errors[name] ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  const note = (name: keyof FieldErrors) =>
    errors[name] ? `<span class="error" id="${name}-error">${escapeHtml(errors[name]!)}</span>` : '';
  const wanted = options.date ?? typed.slot?.slice(0, 10);
  const shown = business.days.find((day) => day.date === wanted) ?? business.days[0];
  const base = `${QUEUE_BOOKING_PATH}/${offer.hallId}/${business.id}`;
  const dayLinks = business.days
    .map((day) =>
      day === shown
        ? `<a aria-current="date" href="${base}?date=${day.date}">${dayShort(day.date)}</a>`
        : `<a href="${base}?date=${day.date}">${dayShort(day.date)}</a>`,
    )
    .join('');
  const slots = (shown?.slots ?? [])
    .map((slot) => {
      const value = `${shown!.date} ${slot.from}`;
      const checked = typed.slot === value ? ' checked' : '';
      const full = slot.left === 0;
      return `<label class="${full ? 'full' : ''}"><input type="radio" name="slot" value="${value}"${checked}${full ? ' disabled' : ''} required${field('slot')}>${slot.from}–${slot.to} <small>${full ? '已约满' : `余 ${slot.left}`}</small></label>`;
    })
    .join('');
  const days = shown
    ? `<nav class="days" aria-label="预约日期">${dayLinks}</nav>
<fieldset><legend>${dayName(shown.date)}</legend><div class="slots">${slots}</div></fieldset>`
    : '';
  return page(
    '预约取号',
    `<h1>预约取号</h1><p class="note">${escapeHtml(offer.hallName)} · ${escapeHtml(business.name)}</p>
<section><form method="post" action="${QUEUE_BOOKING_PATH}/${offer.hallId}/${business.id}">${errorLine(summary)}
${days || '<p>近期没有可预约的时段。</p>'}${note('slot')}
<label>手机号（查看或取消预约时用，只保存后 4 位）<input type="tel" name="phone" inputmode="numeric" maxlength="11" value="${escapeHtml(typed.phone ?? '')}" required${field('phone')}>${note('phone')}</label>
<label>身份证号（选填：填写后可刷身份证签到；不保存号码本身）<input type="text" name="idNumber" maxlength="18" autocomplete="off" value="${escapeHtml(typed.idNumber ?? '')}"${field('idNumber')}>${note('idNumber')}</label>
<button type="submit">确认预约</button></form>
<p class="note">请在预约时段开始前 30 分钟至开始后 15 分钟内，到大厅的自助终端「排队取号 → 预约签到」取号，预约号优先叫号。</p></section>`,
  );
}

export function bookingHtml(booking: AppointmentView, just: boolean): string {
  const state =
    booking.state === 'cancelled'
      ? '<p class="error">已取消</p>'
      : booking.state === 'checked-in'
        ? '<p>已签到取号</p>'
        : '';
  const cancel =
    booking.state === 'booked'
      ? `<form method="post" action="${QUEUE_BOOKING_FIND_PATH}/cancel"><input type="hidden" name="code" value="${booking.code}"><input type="hidden" name="phone4" value="${booking.phoneLast4}"><button type="submit" class="cancel">取消预约</button></form>`
      : '';
  return page(
    '我的预约',
    `<h1>${just ? '预约成功' : '我的预约'}</h1><section>${state}<p>预约码</p><p class="code">${booking.code}</p>${booking.state === 'booked' ? '<p class="note">请记下预约码：到服务大厅后，在自助终端「排队取号 → 预约签到」输入它取号。</p>' : ''}
<dl><dt>服务大厅</dt><dd>${escapeHtml(booking.hallName)}</dd><dt>办理业务</dt><dd>${escapeHtml(booking.businessName)}</dd>
<dt>预约时段</dt><dd>${dayName(booking.date)} ${booking.from}–${booking.to}</dd><dt>手机号</dt><dd>*******${booking.phoneLast4}</dd>
<dt>签到方式</dt><dd>${booking.byCard ? '输入预约码或刷身份证' : '输入预约码'}</dd></dl>${cancel}</section>`,
  );
}

const findForm = (message?: string) =>
  page(
    '我的预约',
    `<h1>我的预约</h1><section><form method="get" action="${QUEUE_BOOKING_FIND_PATH}">${errorLine(message)}
<label>预约码（8 位数字）<input name="code" inputmode="numeric" pattern="\\d{8}" maxlength="8" required></label>
<label>预约时手机号的后 4 位<input name="phone4" inputmode="numeric" pattern="\\d{4}" maxlength="4" required></label>
<button type="submit">查看预约</button></form></section>`,
  );

/** The booking form's fields checked by the protocol's schema, each mistake in words beside its field. */
function formErrors(request: Record<string, unknown>, slotGiven: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!slotGiven) errors.slot = '请选择一个时段';
  for (const detail of validationErrors(AppointmentRequest, request)) {
    if (detail.path.startsWith('/phone')) errors.phone = '请填写 11 位手机号码';
    else if (detail.path.startsWith('/idNumber')) errors.idNumber = '身份证号为 18 位（最后一位可以是 X）';
    else errors.slot ??= '请选择一个时段';
  }
  return errors;
}

const REFUSAL_WORDS: Partial<Record<ErrorCode, string>> = {
  APPOINTMENT_UNAVAILABLE: '这个时段已不能预约，请另选一个时段。',
  APPOINTMENT_FULL: '这个时段刚刚约满，请另选一个时段。',
  APPOINTMENT_DUPLICATE: '您当天已预约过这项业务。',
};

export function registerQueueBookingPage(app: TypedApp, deps: { queueAppointments: QueueAppointments }): void {
  const appointments = deps.queueAppointments;
  const HallParams = Type.Object({ hallId: Type.Integer({ minimum: 1 }) });
  const BusinessParams = Type.Object({
    hallId: Type.Integer({ minimum: 1 }),
    business: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }),
  });
  const send = (reply: Parameters<typeof sendPublicPage>[0], html: string, status = 200) =>
    sendPublicPage(reply, html, { formsPost: true, status });
  const notFound = page('预约取号', '<h1>预约取号</h1><section><p>没有找到这个服务大厅或业务。</p></section>');
  const offerOf = async (hallId: number) => appointments.offer(hallId).catch(() => undefined);

  app.get(
    QUEUE_BOOKING_PATH,
    { schema: { tags: ['public'], summary: '预约取号: the halls taking bookings', produces: ['text/html'] } },
    async (_request, reply) => send(reply, hallListHtml(await appointments.halls())),
  );
  app.get(
    `${QUEUE_BOOKING_PATH}/:hallId`,
    {
      schema: {
        tags: ['public'],
        summary: "A hall's businesses taking bookings",
        params: HallParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const offer = await offerOf(request.params.hallId);
      return offer ? send(reply, businessListHtml(offer)) : send(reply, notFound, 404);
    },
  );
  app.get(
    `${QUEUE_BOOKING_PATH}/:hallId/:business`,
    {
      schema: {
        tags: ['public'],
        summary: "A business's days and slots, and the booking form",
        params: BusinessParams,
        querystring: Type.Object({ date: Type.Optional(Type.String({ maxLength: 10 })) }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const offer = await offerOf(request.params.hallId);
      if (!offer?.businesses.some((business) => business.id === request.params.business))
        return send(reply, notFound, 404);
      return send(reply, slotFormHtml(offer, request.params.business, { date: request.query.date }));
    },
  );
  app.get(
    QUEUE_BOOKING_FIND_PATH,
    {
      schema: {
        tags: ['public'],
        summary: '我的预约: a booking by its code and the phone’s last four digits',
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 20 })),
          phone4: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const { code, phone4 } = request.query;
      if (code === undefined && phone4 === undefined) return send(reply, findForm());
      const booking =
        /^\d{8}$/.test(code ?? '') && /^\d{4}$/.test(phone4 ?? '')
          ? await appointments.find(code!, phone4!)
          : undefined;
      // Not found is the form again, saying so (like 诉求进度查询): a page, not an error.
      return send(
        reply,
        booking ? bookingHtml(booking, false) : findForm('没有找到这个预约，请核对预约码和手机号后 4 位。'),
      );
    },
  );

  // The forms post form-encoded fields; nothing else is read here.
  app.register(async (scope: TypedApp) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post(
      `${QUEUE_BOOKING_PATH}/:hallId/:business`,
      { schema: { tags: ['public'], summary: 'Books a slot (form-encoded)', params: BusinessParams, hide: true } },
      async (request, reply) => {
        const offer = await offerOf(request.params.hallId);
        const business = request.params.business;
        if (!offer?.businesses.some((entry) => entry.id === business)) return send(reply, notFound, 404);
        const form = (request.body ?? {}) as Record<string, string>;
        const entered: Typed = {
          slot: form.slot,
          phone: form.phone?.trim(),
          idNumber: form.idNumber?.trim().toUpperCase(),
        };
        const [date, from] = (entered.slot ?? '').split(' ');
        const input = {
          business,
          date: date ?? '',
          from: from ?? '',
          phone: entered.phone ?? '',
          ...(entered.idNumber && { idNumber: entered.idNumber }),
        };
        const errors = formErrors(input, Boolean(entered.slot));
        if (Object.keys(errors).length > 0)
          return send(reply, slotFormHtml(offer, business, { typed: entered, errors }), 422);
        try {
          return send(
            reply,
            bookingHtml(await appointments.book(offer.hallId, input as AppointmentRequest), true),
            201,
          );
        } catch (error) {
          const words = error instanceof LinliError ? REFUSAL_WORDS[error.code] : undefined;
          if (!words) throw error;
          const fresh = (await offerOf(offer.hallId)) ?? offer;
          return send(reply, slotFormHtml(fresh, business, { typed: entered, summary: words }), 409);
        }
      },
    );
    scope.post(
      `${QUEUE_BOOKING_FIND_PATH}/cancel`,
      { schema: { tags: ['public'], summary: 'Cancels a booking (form-encoded: code, phone4)', hide: true } },
      async (request, reply) => {
        const form = (request.body ?? {}) as Record<string, string>;
        const code = form.code ?? '';
        const phone4 = form.phone4 ?? '';
        if (!/^\d{8}$/.test(code) || !/^\d{4}$/.test(phone4)) return send(reply, findForm('没有找到这个预约。'), 404);
        try {
          return send(reply, bookingHtml(await appointments.cancel(code, phone4), false));
        } catch (error) {
          if (error instanceof LinliError && error.code === 'APPOINTMENT_NOT_FOUND')
            return send(reply, findForm('没有找到可以取消的预约（已签到或已取消的预约不能取消）。'), 404);
          throw error;
        }
      },
    );
  });
}
