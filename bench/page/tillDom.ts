// What the bench drivers look for in the real app's DOM, in one place.

/** The success message on screen now, to tell a later one from it. */
export const currentSuccess = (): Element | null => document.querySelector('.feedback--success');

/** The punch button, once `name`'s card is on screen and the button can be pressed. */
export function readyPunchButton(name: string): HTMLButtonElement | undefined {
  const heading = document.getElementById('member-name');
  const button = document.querySelector<HTMLButtonElement>('.member .button--huge');
  return heading?.textContent === name && button && !button.disabled ? button : undefined;
}

/** A success message naming `name` that replaced `previous`: the punch is committed and shown. */
export function newSuccessFor(name: string, previous: Element | null): boolean {
  const success = currentSuccess();
  return success !== null && success !== previous && success.textContent?.includes(name) === true;
}
