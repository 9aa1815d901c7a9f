// Unit specs cover the UI's pure logic (.ts); e2e specs drive the built UI in Chromium against a
// real gateway. Components are proved in the browser, not in a simulated DOM.
module.exports = require('../../jest.preset').projectJestConfig(__dirname);
