/**
 * Waypoint runs on the Node line its package.json `engines` names (24 LTS: MikroORM 7 and graphile-worker 0.18 need
 * 22.18+). `npm install` brings that Node (the `node` package) and npm scripts run on it; a process started on
 * another Node directly stops here, in one line, before anything else loads. Plain JavaScript, so it runs anywhere.
 */
const semver = require('semver');
const { engines } = require('../package.json');

/** The one-line refusal for a Node version outside `engines`, or null when it is supported. */
function unsupported(version = process.versions.node) {
  if (semver.satisfies(version, engines.node)) return null;
  return `Waypoint needs Node ${engines.node} (this is Node ${version}): run it through npm (npm start, npm test), which uses the Node that npm install brought, or install Node 24 LTS.`;
}

function assertSupportedNode() {
  const message = unsupported();
  if (message) {
    console.error(message);
    process.exit(1);
  }
}

module.exports = { unsupported, assertSupportedNode, engines: engines.node };

if (require.main === module) assertSupportedNode();
