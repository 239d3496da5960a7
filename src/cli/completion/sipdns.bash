# sipdns(1) completion for bash (bash-completion)              -*- sh -*-
#
# The words come from sipdns itself ('sipdns --complete-words WORD...',
# src/cli/complete.c), from the tables its subcommands parse their options
# with, so they follow the installed binary and cannot drift from --help.
# SPDX-License-Identifier: MIT

_sipdns()
{
	local cur prev words cword split
	_init_completion -s || return

	# the words after "sipdns" up to the cursor, the last one being
	# completed; "--opt=val" comes split as "--opt" "val"
	local -a args
	args=("${words[@]:1:cword-1}")
	if [[ $split == true ]]; then
		args+=("$prev")
	fi
	args+=("$cur")

	local out
	out=$("${words[0]}" --complete-words "${args[@]}" 2>/dev/null) || return
	case $out in
	@file)
		_filedir
		;;
	@dir)
		_filedir -d
		;;
	*)
		local IFS=$'\n'
		COMPREPLY=($(compgen -W "$out" -- "$cur"))
		;;
	esac
} &&
	complete -F _sipdns sipdns

# ex: filetype=sh
