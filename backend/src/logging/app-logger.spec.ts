import { createAppLogger } from './app-logger';

/** What the logger writes to stdout while `act` runs. */
function stdoutOf(act: () => void): string {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}

const ANSI = /\x1b\[/;

describe('createAppLogger', () => {
  it('writes plain lines, without colour codes, when stdout is not a terminal', () => {
    const sut = createAppLogger('text', { isTTY: false }, {});
    const out = stdoutOf(() => sut.log('Import job j-1 started', 'ImportJobRunner'));
    expect(out).toContain('[ImportJobRunner] Import job j-1 started');
    expect(out).not.toMatch(ANSI);
  });

  it('colours its lines on a terminal, unless NO_COLOR is set', () => {
    expect(stdoutOf(() => createAppLogger('text', { isTTY: true }, {}).log('hello', 'Ctx'))).toMatch(ANSI);
    expect(stdoutOf(() => createAppLogger('text', { isTTY: true }, { NO_COLOR: '1' }).log('hello', 'Ctx'))).not.toMatch(ANSI);
  });

  it('writes one JSON object per line for LOG_FORMAT=json, even on a terminal', () => {
    const sut = createAppLogger('json', { isTTY: true }, {});
    const out = stdoutOf(() => {
      sut.log('Import job j-1 started', 'ImportJobRunner');
      sut.log('Import job j-1 completed', 'ImportJobRunner');
    });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'log', context: 'ImportJobRunner', message: 'Import job j-1 started' });
    expect(out).not.toMatch(ANSI);
  });
});
