# bash completion for archwise: commands, each command's options, the values
# of --target and --format, files and folders where an option wants them.
# Installed by `make install` as share/bash-completion/completions/archwise.
_archwise()
{
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		eval | export | check | traffic | scan | recheck) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $prev in
	--target)
		COMPREPLY=($(compgen -W "all kubernetes knative serverless fargate" -- "$cur"))
		return ;;
	--format)
		COMPREPLY=($(compgen -W "auto combined alb cloudfront csv" -- "$cur"))
		return ;;
	-o | --data-dir | --adr-dir | --scan)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--answers | --questionnaire | --traffic | --write-answers)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--date | --decision-makers | --supersedes | --set)
		return ;;
	esac

	local opts
	case $cmd in
	"") opts="eval export check traffic scan recheck --answers --resume --questionnaire --data-dir --scan --traffic --help --version" ;;
	eval) opts="--json --questionnaire --data-dir" ;;
	export) opts="-o --target --force --date --adr-dir --supersedes --decision-makers --questionnaire --data-dir" ;;
	check) opts="--questionnaire --data-dir" ;;
	traffic) opts="--format --json --write-answers --force" ;;
	scan) opts="--json --write-answers --force" ;;
	recheck) opts="--traffic --set --json --strict --questionnaire --data-dir" ;;
	esac
	if [[ $cur == -* || ( -z $cmd && -z $cur && $COMP_CWORD -eq 1 ) ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif [[ $cmd == scan ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	elif [[ -n $cmd ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	fi
}
complete -o filenames -o bashdefault -F _archwise archwise
