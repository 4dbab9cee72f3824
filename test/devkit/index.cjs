'use strict';
// Plain re-exports of Node's runtime for test and tooling code; nothing in nodes/ or credentials/ may import this.
const http = require('node:http');
const net = require('node:net');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const os = require('node:os');
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const url = require('node:url');
const timersPromises = require('node:timers/promises');
const { AsyncLocalStorage } = require('node:async_hooks');

module.exports = {
	http,
	net,
	fs,
	fsp,
	path,
	os,
	childProcess,
	crypto,
	url,
	AsyncLocalStorage,
	process,
	env: process.env,
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (t) => clearTimeout(t),
	setInterval: (fn, ms) => setInterval(fn, ms),
	clearInterval: (t) => clearInterval(t),
	delay: (ms) => timersPromises.setTimeout(ms),
	now: () => Date.now(),
	/** Lines for humans (demo, scripts); tests should assert, not print. */
	log: (...args) => console.log(...args),
	warn: (...args) => console.error(...args),
	/** The repository root (this file lives in test/devkit). */
	repoRoot: path.resolve(__dirname, '..', '..'),
};
