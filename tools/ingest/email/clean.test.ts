import { describe, expect, it } from 'vitest';
import { cleanBody } from './clean.ts';

describe('cleanBody', () => {
  it('drops an "On ... wrote:" block (also wrapped) and quoted lines, counting the characters removed', () => {
    const text = 'Sounds good, see you Thursday.\n\nOn Tue, 9 Jun 2026 at 10:00, Anna Rep <\nanna.rep@dealwise.demo> wrote:\n> Does Thursday work?\n> Anna';
    const out = cleanBody(text);
    expect(out.body).toBe('Sounds good, see you Thursday.');
    expect(out.quotedChars).toBe(text.length - 'Sounds good, see you Thursday.\n\n'.length);
  });

  it('keeps the unquoted lines of an inline reply', () => {
    expect(cleanBody('> Can you do 10%?\nYes, for a three-year term.\n> And SSO?\nIncluded.').body).toBe('Yes, for a three-year term.\nIncluded.');
  });

  it('drops Outlook and forwarded history blocks', () => {
    expect(cleanBody('Agreed.\n\n-----Original Message-----\nFrom: Dana\nSent: Monday\nTo: Anna\nSubject: x\n\nold').body).toBe('Agreed.');
    expect(cleanBody('FYI\n\n---------- Forwarded message ---------\nFrom: A <a@x.com>\nDate: Mon\n\nold text').body).toBe('FYI');
    expect(cleanBody('Noted.\n\nFrom: Dana Ruiz <dana@acme.com>\nSent: Wednesday, June 10, 2026 9:12 AM\nTo: Anna\nSubject: Re: x\n\nold').body).toBe('Noted.');
    expect(cleanBody("Merci.\n\nLe mar. 9 juin 2026 à 10:00, Anna <a@x.com> a écrit :\n> vieux").body).toBe('Merci.');
  });

  it('drops signatures: the -- delimiter, "Sent from my", and the lines under a sign-off', () => {
    expect(cleanBody('See attached.\n-- \nDana Ruiz\nVP Sales').body).toBe('See attached.');
    expect(cleanBody('On my way.\n\nSent from my iPhone').body).toBe('On my way.');
    const signed = cleanBody('Let us talk on Friday.\n\nBest regards,\nDana Ruiz\nVP Sales | Acme Corp\n+1 555 0100');
    expect([signed.body, signed.signatureRemoved]).toEqual(['Let us talk on Friday.\n\nBest regards,', true]);
    // a "thanks" that ends a paragraph of text is not a sign-off
    expect(cleanBody('Thanks, that helps a lot with the budget discussion.').signatureRemoved).toBe(false);
  });

  it('keeps the text of a message that is nothing but a quote', () => {
    expect(cleanBody('> only a quote').body).toBe('> only a quote');
    expect(cleanBody('').body).toBe('');
  });
});
