// Dockerfile checks: dockerfile-utils' validator with every optional rule as an error, plus rules in the
// spirit of hadolint (which cannot be installed here: no Debian package, and its npm and PyPI wrappers
// download a release binary). Each finding is { line, rule, message }, lines counted from 1.
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';

const strict = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

/**
 * @param {string} text the Dockerfile
 * @param {{ exists: (p: string) => boolean, ignored: (p: string) => boolean }} context
 *   whether a path exists in the build context, and whether .dockerignore leaves it out
 */
export function lintDockerfile(text, context) {
  const findings = validate(text, strict).map(d => ({
    line: d.range.start.line + 1,
    rule: `dockerfile-utils/${d.code}`,
    message: d.message,
  }));
  const add = (instruction, rule, message) => findings.push({ line: instruction.getRange().start.line + 1, rule, message });

  const dockerfile = DockerfileParser.parse(text);
  const args = Object.fromEntries(dockerfile.getInitialARGs().map(i => i.getArgumentsContent().split('=')));
  const stages = dockerfile.getFROMs();
  for (const from of stages) {
    const image = from.getImage().replace(/\$\{(\w+)\}/g, (_, name) => args[name] ?? '');
    if (!image.includes(':') && !image.includes('@')) {
      add(from, 'DL3006', `pin the image: '${from.getImage()}' has no tag`);
    } else if (image.endsWith(':latest')) {
      add(from, 'DL3007', `'latest' moves: pin a version of '${from.getImage()}'`);
    }
  }

  const instructions = dockerfile.getInstructions();
  const finalStart = stages.length > 0 ? stages[stages.length - 1].getRange().start.line : 0;
  const finalStage = instructions.filter(i => i.getRange().start.line >= finalStart);
  const users = finalStage.filter(i => i.getKeyword() === 'USER');
  const lastUser = users.length > 0 ? users[users.length - 1].getArgumentsContent().trim() : 'root';
  if (['root', '0', '0:0', 'root:root'].includes(lastUser)) {
    findings.push({ line: finalStart + 1, rule: 'DL3002', message: 'the image runs as root: end the final stage with a USER that is not root' });
  }

  if (!finalStage.some(i => i.getKeyword() === 'HEALTHCHECK')) {
    findings.push({ line: finalStart + 1, rule: 'healthcheck', message: 'the final stage has no HEALTHCHECK' });
  }

  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'ADD') {
      add(instruction, 'DL3020', 'use COPY for files and folders; ADD also fetches URLs and unpacks archives');
    }

    if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !instruction.getArgumentsContent().trim().startsWith('[')) {
      add(instruction, 'DL3025', `${keyword} in shell form: signals do not reach the program; use the JSON form`);
    }

    if (keyword === 'COPY' && !instruction.getFlags().some(f => f.getName() === 'from')) {
      const paths = instruction.getArguments().map(a => a.getValue());
      for (const source of paths.slice(0, -1)) {
        if (/[*?[]/.test(source)) {
          continue;
        }

        if (!context.exists(source)) {
          add(instruction, 'copy-source', `'${source}' is not in the build context`);
        } else if (context.ignored(source)) {
          add(instruction, 'copy-source', `'${source}' is left out of the build context by .dockerignore`);
        }
      }
    }
  }

  return findings.sort((a, b) => a.line - b.line);
}

/**
 * The subset of .dockerignore patterns this repository uses: `name`, `dir/`, `**\/dir/` and `*.ext`.
 * @param {string} text the .dockerignore
 */
export function dockerignore(text) {
  const patterns = text.split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
  return relative => {
    const clean = relative.replace(/^\.\//, '').replace(/\/$/, '');
    const segments = clean.split('/');
    return patterns.some(pattern => {
      const anyDepth = pattern.startsWith('**/');
      const body = pattern.replace(/^\*\*\//, '').replace(/\/$/, '');
      const matches = segment => body.startsWith('*.') ? segment.endsWith(body.slice(1)) : segment === body;
      return anyDepth ? segments.some(matches) : matches(segments[0]);
    });
  };
}
