#!/usr/bin/env node
// psparse.cjs -- parse PowerShell scripts with a real PowerShell grammar
//
// Usage: node psparse.cjs FILE...
// Each FILE is parsed by tree-sitter-powershell (the grammar's own prebuilt
// wasm, from its npm package) through web-tree-sitter; both are vendored
// here (README.md beside this file: versions, sources, checksums), so the
// test runs offline. Prints "FILE:LINE:COL: ERROR ..." for each ERROR or
// MISSING node and exits 1 when any file has one; exits 2 when the parser
// itself cannot run (never a silent pass). Prints "FILE: ok (N nodes)".
'use strict';
const path = require('path');
const fs = require('fs');

async function main(files) {
	if (files.length === 0) {
		console.error('usage: node psparse.cjs FILE...');
		return 2;
	}
	let Parser, Language;
	try {
		({ Parser, Language } = require(path.join(__dirname, 'tree-sitter.cjs')));
		await Parser.init({
			locateFile: (name) => path.join(__dirname, name),
		});
		const lang = await Language.load(path.join(__dirname, 'tree-sitter-powershell.wasm'));
		var parser = new Parser();
		parser.setLanguage(lang);
	} catch (e) {
		console.error(`psparse: the PowerShell parser cannot run: ${e && e.stack || e}`);
		return 2;
	}
	let bad = 0;
	for (const f of files) {
		const text = fs.readFileSync(f, 'latin1');
		const tree = parser.parse(text);
		if (tree === null) {
			console.error(`${f}: the parser returned no tree`);
			return 2;
		}
		// a cursor walk: a node object per node (n.child(i)) costs a
		// crossing into the wasm each, ten times the time on 2 MB of scripts
		let errors = 0, nodes = 0;
		const c = tree.walk();
		for (let done = false; !done; ) {
			nodes++;
			if (c.nodeType === 'ERROR' || c.nodeIsMissing) {
				errors++;
				const n = c.currentNode;
				const p = n.startPosition;
				const what = n.isMissing ? `MISSING ${n.type}` : 'ERROR';
				const snippet = text.slice(n.startIndex, Math.min(n.endIndex, n.startIndex + 80)).replace(/\r?\n/g, '\\n');
				console.log(`${f}:${p.row + 1}:${p.column + 1}: ${what}: ${snippet}`);
			}
			if (c.gotoFirstChild())
				continue;
			while (!c.gotoNextSibling())
				if (!c.gotoParent()) {
					done = true;
					break;
				}
		}
		c.delete();
		if (errors === 0 && tree.rootNode.hasError) {
			console.log(`${f}:1:1: ERROR: the tree has an error the walk did not find`);
			errors++;
		}
		if (errors > 0)
			bad++;
		else
			console.log(`${f}: ok (${nodes} nodes)`);
		tree.delete();
	}
	return bad > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((rc) => process.exit(rc), (e) => {
	console.error(`psparse: ${e && e.stack || e}`);
	process.exit(2);
});
