import { passwordProblem } from '@rag-ledger/identity';

describe('the password policy', () => {
  const chris = { name: 'Chris Snudden', email: 'chris.snudden@norfolk.gov.uk' };

  it('accepts a long passphrase', () => {
    expect(passwordProblem('plum kettle harbour 42', chris)).toBeUndefined();
    expect(passwordProblem('Tr0ub4dor&3-horse', chris)).toBeUndefined();
  });

  it('needs at least 12 characters', () => {
    expect(passwordProblem('short pass1', chris)).toMatch(/at least 12 characters/);
    expect(passwordProblem('twelve chars', chris)).toBeUndefined();
  });

  it.each(['qwerty123456', '1qaz2wsx3edc', 'QWERTY123456', 'leavemealone', 'qwerty-123456'])('refuses the common password %s', (password) => {
    expect(passwordProblem(password, chris)).toMatch(/most common/);
  });

  it('refuses one that repeats a character or two', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa', chris)).toMatch(/too few characters/);
    expect(passwordProblem('abababababab', chris)).toMatch(/too few characters/);
  });

  it('refuses one built on the person\'s name or email', () => {
    expect(passwordProblem('ChrisSnudden2013', chris)).toMatch(/name/);
    expect(passwordProblem('my name is snudden!', chris)).toMatch(/name/);
    const withOtherEmail = { name: 'Chris Snudden', email: 'edu.lead7@norfolk.gov.uk' };
    expect(passwordProblem('edu.lead7@norfolk.gov.uk', withOtherEmail)).toMatch(/email/);
    expect(passwordProblem('my edulead7 login', withOtherEmail)).toMatch(/email/);
    // Someone else's name is no matter.
    expect(passwordProblem('ChrisSnudden2013', { name: 'Andrea Brown' })).toBeUndefined();
  });

  it('has an upper bound, so one request cannot make the server hash megabytes', () => {
    expect(passwordProblem('x y z '.repeat(50), chris)).toMatch(/at most 256/);
  });
});
