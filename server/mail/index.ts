/**
 * The service's e-mail, assembled from its settings: what to write in the
 * transaction of each change (listeners), what to send and when (jobs).
 */
import type { Transporter } from 'nodemailer';
import type { JobDefinition } from '../jobs.js';
import type { ConfirmationListener, LifecycleContext, TransitionListener } from '../lifecycle.js';
import type { Tx } from '../storage/database.js';
import { attestationJob, digestJob, enqueueAlertConfirmation, expiryJob, remindersJob, sessionOpenedJob } from './jobs.js';
import { enqueueManagerRequest, enqueueTrainerMessage, mailListener, parseFrom, type MailSettings } from './outbox.js';
import { senderJob, smtpTransport } from './sender.js';

export interface Mail {
  settings: MailSettings;
  transport?: Transporter;
  listeners: TransitionListener[];
  confirmationListeners: ConfirmationListener[];
  /** A new trainer application, in its transaction. */
  onApplication(tx: Tx, application: { id: string; reference: string; doc: string }): Promise<void>;
  /** An alert to confirm, in its transaction. */
  onSubscription(tx: Tx, subscription: { id: string; course_id: string; email: string; locale: string }): Promise<void>;
  jobs(ctx: LifecycleContext): JobDefinition[];
}

export interface MailOptions {
  smtpUrl?: string;
  mailFrom?: string;
  publicUrl: () => string;
  now: () => Date;
  /** A transport of the caller's (tests); by default one for `smtpUrl`, or none. */
  transport?: Transporter;
}

export function createMail(options: MailOptions): Mail {
  const from = parseFrom(options.mailFrom);
  const settings: MailSettings = { from, publicUrl: options.publicUrl, domain: from.address.split('@')[1] ?? 'campus.numerique.gouv.fr' };
  const transport = options.transport ?? (options.smtpUrl ? smtpTransport(options.smtpUrl) : undefined);
  return {
    settings,
    transport,
    listeners: [mailListener(settings, options.now)],
    confirmationListeners: [
      async (tx, request) => {
        if (request.status === 'pending_manager' || request.manager_decision === 'requested') await enqueueManagerRequest(tx, settings, request, options.now());
      },
    ],
    onApplication: async (tx, application) => {
      await enqueueTrainerMessage(tx, settings, application, 'trainer_receipt', options.now());
    },
    onSubscription: async (tx, subscription) => {
      await enqueueAlertConfirmation(tx, settings, subscription, options.now());
    },
    jobs: (ctx) => [senderJob(settings, transport), expiryJob(ctx), remindersJob(settings), digestJob(settings), attestationJob(settings), sessionOpenedJob(settings)],
  };
}
