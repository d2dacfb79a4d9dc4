//! Command-line arguments, as clap reads them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCandidates;

use super::complete::{roadmap_ids, topic_names};

/// The examples `--help` shows after the options; `tests/examples.rs` runs each.
pub const EXAMPLES: &str = "\
Examples:
  skilltree                         open the terminal UI (prints `next` when piped)
  skilltree next                    what you can learn now, best first
  skilltree show backend-mastery    the whole map with your status on each node
  skilltree done http rest          mark topics done and see what they unlock
  skilltree plan kubernetes         everything between you and a topic
  skilltree use junior-backend      look names up there first
  skilltree undo                    take back the last change
  skilltree next --json | jq .      script it

TOPIC is `roadmap/node`, a node id, a shared topic or a title, in any case.
When several roadmaps have it, the current roadmap's node is meant (see `list`).";

/// A terminal skill-tree tracker: see the map, mark what you know, learn what's next.
#[derive(Debug, Parser)]
#[command(name = "skilltree", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Progress database: a file, or a postgres://USER@HOST/DATABASE URL [default: <data dir>/progress.db]
    #[arg(long, global = true, env = "SKILLTREE_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
    /// Whose progress to use [default: your login name]
    #[arg(long, global = true, env = "SKILLTREE_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Load a roadmap file as well (repeatable; SKILLTREE_ROADMAPS takes a list separated like PATH)
    #[arg(long = "roadmap", global = true, value_name = "FILE")]
    pub roadmaps: Vec<PathBuf>,
    /// Machine-readable output
    #[arg(long, global = true)]
    pub json: bool,
    /// When to colour text output (NO_COLOR and CLICOLOR_FORCE are honoured with auto)
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

impl Global {
    /// What to open: the core's view of these flags.
    pub fn workspace_options(&self) -> crate::app::WorkspaceOptions {
        crate::app::WorkspaceOptions {
            db: self.db.clone(),
            user: self.user.clone(),
            roadmap_files: self.roadmap_files(),
            data_dir: None,
            cache_dir: None,
        }
    }

    /// The roadmap files to load: `--roadmap` flags, else `SKILLTREE_ROADMAPS`
    /// (colon-separated; empty entries, as from a trailing colon, are ignored).
    pub fn roadmap_files(&self) -> Vec<PathBuf> {
        if !self.roadmaps.is_empty() {
            return self.roadmaps.clone();
        }
        std::env::var_os("SKILLTREE_ROADMAPS")
            .map(|v| {
                std::env::split_paths(&v)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal UI [default when stdout is a terminal]
    Tui {
        /// Roadmap to open [default: the last one used]
        #[arg(add = ArgValueCandidates::new(roadmap_ids))]
        roadmap: Option<String>,
    },
    /// Loaded roadmaps with their source, size and your progress; * marks the current one
    List,
    /// Make a roadmap current: a name found in several roadmaps means its node
    Use {
        /// Roadmap id
        #[arg(add = ArgValueCandidates::new(roadmap_ids))]
        roadmap: String,
    },
    /// A roadmap's outline with the status of every node, as text or to share
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// What you can learn now: started first, then what leads to the most locked topics
    Next {
        /// Only this roadmap
        #[arg(add = ArgValueCandidates::new(roadmap_ids))]
        roadmap: Option<String>,
        /// Show every suggestion, not the first ten
        #[arg(long)]
        all: bool,
    },
    /// Everything a topic still needs, prerequisites first, with the total estimate
    Plan {
        /// The topic to reach
        #[arg(add = ArgValueCandidates::new(topic_names))]
        topic: String,
    },
    /// All about one topic: status, prerequisites, what it unlocks, links, note
    Info {
        /// The topic
        #[arg(add = ArgValueCandidates::new(topic_names))]
        topic: String,
    },
    /// Mark topics done (--rating also records how well you know them, for reviews)
    Done(DoneArgs),
    /// Mark topics started
    Start(Topics),
    /// Mark topics skipped (they count as satisfied)
    Skip(Topics),
    /// Return topics to todo
    Reset(Topics),
    /// Take back your last change (repeat to go further back)
    Undo,
    /// Follow one alternative of a choice ("pick one language"): plans take it
    Choose {
        /// The choice, e.g. backend-mastery/backend-language
        #[arg(add = ArgValueCandidates::new(topic_names))]
        choice: String,
        /// The alternative's id or title, e.g. python
        alternative: String,
    },
    /// Show a topic's note, or set it (`-` reads standard input, "" clears, --edit opens your editor)
    Note {
        /// The topic
        #[arg(add = ArgValueCandidates::new(topic_names))]
        topic: String,
        /// New note text; several words are joined with spaces
        text: Vec<String>,
        /// Edit the note in $VISUAL or $EDITOR
        #[arg(long, conflicts_with = "text")]
        edit: bool,
    },
    /// Your history, newest first
    Log {
        /// How many entries
        #[arg(short = 'n', long = "limit", default_value_t = 20, value_name = "N",
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// Show times in UTC instead of your local time
        #[arg(long)]
        utc: bool,
    },
    /// Progress per roadmap and group, counts by status, remaining estimate
    Stats {
        /// Only this roadmap
        #[arg(add = ArgValueCandidates::new(roadmap_ids))]
        roadmap: Option<String>,
    },
    /// Your weekly goal: set it (`5h`, `3 topics`), turn it `off`, or see this week against it
    #[command(after_help = GOAL_EXAMPLES)]
    Goal {
        /// `5h`, `3 topics` or `off`; none shows the goal and this week
        #[arg(value_name = "GOAL")]
        goal: Vec<String>,
        /// The first day of your week [default: monday]
        #[arg(long, value_enum, value_name = "DAY")]
        week_start: Option<WeekStart>,
    },
    /// Topics due for review, least remembered first; `review TOPIC RATING` records a review
    #[command(after_help = REVIEW_EXAMPLES)]
    Review {
        /// A done topic to record a review of
        #[arg(add = ArgValueCandidates::new(topic_names), requires = "rating")]
        topic: Option<String>,
        /// How well you knew it
        #[arg(value_enum)]
        rating: Option<RatingArg>,
        /// Turn reviews on (rating a topic also does)
        #[arg(long, conflicts_with_all = ["disable", "topic"])]
        enable: bool,
        /// Turn reviews off: nothing is listed as due
        #[arg(long, conflicts_with = "topic")]
        disable: bool,
    },
    /// Users in the database with their progress
    Users,
    /// The mentor's view: each member's progress, what they work on, who is stuck, topics finished
    #[command(args_conflicts_with_subcommands = true)]
    Team {
        /// Add a member
        #[command(subcommand)]
        action: Option<TeamAction>,
        /// Count a member as stuck after N days without a change
        #[arg(long, value_name = "N", default_value_t = crate::app::team::DEFAULT_STUCK_DAYS)]
        stuck_days: u32,
    },
    /// Check roadmap files and show warnings; exits 1 if any has an error (with --strict, a warning)
    Validate {
        /// The files, and whether warnings count (one field, so that the
        /// caller hands it on whole)
        #[command(flatten)]
        files: ValidateArgs,
    },
    /// Check the database and roadmaps: paths, schema, integrity, orphaned progress
    Doctor,
    /// Write a small, commented roadmap to start your own from
    #[command(after_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// Print the JSON Schema (draft-07) of roadmap files, for editors
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema,
    /// Print the shell code that completes commands, roadmap ids and topics
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell
        shell: Shell,
    },
    /// Write a man page per command into DIR (for packagers)
    #[command(hide = true)]
    Man {
        /// The folder to write skilltree.1, skilltree-show.1, … into
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Write your progress: every change as JSON Lines (for import and sync), or a snapshot
    Export {
        /// What to write: changes (JSON Lines), or a snapshot of status and notes as json or csv
        #[arg(long, value_enum, default_value = "changes")]
        format: ExportFormat,
        /// Write to this file (replaced whole once written) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge a file of changes from `export`: nothing lost, the newest change of each topic counts
    Import {
        /// The file
        file: PathBuf,
        /// Say what would change, and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Exchange changes with a shared folder (Syncthing, Dropbox, a git checkout)
    Sync {
        /// The folder [default: the one set with --set]
        dir: Option<PathBuf>,
        /// Remember DIR as the folder to sync with
        #[arg(long = "set", requires = "dir")]
        set: bool,
        /// Sync by itself after every change made here and when the terminal UI opens [default: off]
        #[arg(long, value_enum, value_name = "WHEN")]
        auto: Option<OnOff>,
    },
}

/// What `team` does besides showing the team.
#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Give LOGIN their own login on the team's PostgreSQL database and print what they set
    Add {
        /// The member's login (and user name)
        login: String,
        /// Let them read everyone's progress too
        #[arg(long)]
        mentor: bool,
        /// Set no password (for servers that let members in by their system login)
        #[arg(long)]
        no_password: bool,
    },
}

impl Command {
    /// Whether it records a change of progress: a status, a choice or a note
    /// (showing a note records nothing).
    pub fn marks(&self) -> bool {
        match self {
            Command::Done(_)
            | Command::Review { topic: Some(_), .. }
            | Command::Start(_)
            | Command::Skip(_)
            | Command::Reset(_)
            | Command::Choose { .. } => true,
            Command::Note { text, edit, .. } => !text.is_empty() || *edit,
            _ => false,
        }
    }
}

/// The examples `goal --help` prints; `tests/examples.rs` runs each.
pub const GOAL_EXAMPLES: &str = "\
Examples:
  skilltree goal 5h                   finish 5 hours of topics (by their estimates) a week
  skilltree goal 3 topics             or 3 topics a week
  skilltree goal                      this week against it, and your streak
  skilltree goal --week-start sunday  weeks start on Sunday
  skilltree goal off                  no goal";

/// The examples `review --help` prints; `tests/examples.rs` runs each.
pub const REVIEW_EXAMPLES: &str = "\
Examples:
  skilltree review --enable           turn reviews on (rating a topic does too)
  skilltree done git --rating good    mark done and rate how well you know it
  skilltree review                    what is due, least remembered first
  skilltree review git hard           record a review
  skilltree review --disable          turn reviews off";

/// The examples `new --help` prints; `tests/examples.rs` runs each.
pub const NEW_EXAMPLES: &str = "\
Examples:
  skilltree new my-map                              <data dir>/roadmaps/my-map.yaml, loaded from now on
  skilltree new rust-path --title \"Rust, my way\"   with a title
  skilltree new draft -o draft.yaml                 somewhere else (load it with --roadmap draft.yaml)";

/// The examples `schema --help` prints; `tests/examples.rs` runs each.
pub const SCHEMA_EXAMPLES: &str = "\
Examples:
  skilltree schema                                  print it
  skilltree schema > roadmap.schema.json            save it for an editor

A roadmap file names it on its first line, for yaml-language-server (VS Code's
YAML extension, Neovim, Helix…):
  # yaml-language-server: $schema=roadmap.schema.json";

/// The examples `completions --help` prints; `tests/examples.rs` runs each.
pub const COMPLETIONS_EXAMPLES: &str = "\
Examples (each line goes in the shell's startup file):
  bash        source <(skilltree completions bash)                   ~/.bashrc
  zsh         source <(skilltree completions zsh)                    ~/.zshrc
  fish        skilltree completions fish | source                    ~/.config/fish/config.fish
  elvish      eval (skilltree completions elvish | slurp)            ~/.config/elvish/rc.elv
  powershell  skilltree completions powershell | Out-String | Invoke-Expression   $PROFILE

The script asks skilltree for each completion, so roadmap ids and topics
come from the roadmaps loaded at that moment.";

/// What `new` writes, and where.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new roadmap's id: a-z, 0-9 and '-'
    pub id: String,
    /// Its title [default: from the id]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Write here instead of <data dir>/roadmaps/ID.yaml
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    /// GNU Bash
    Bash,
    /// Z shell
    Zsh,
    /// fish
    Fish,
    /// PowerShell
    Powershell,
    /// Elvish
    Elvish,
}

/// The examples `show --help` prints; `tests/examples.rs` runs each.
pub const SHOW_EXAMPLES: &str = "\
Examples:
  skilltree show junior-backend                              the outline, with your status
  skilltree show junior-backend --only-remaining             what is left
  skilltree show junior-backend --format markdown            a task list for a README or an issue
  skilltree show backend-mastery --format mermaid --depth 1  the levels as a picture GitHub draws
  skilltree show junior-backend --format dot --no-status     a blank map for Graphviz
  skilltree show junior-backend --format opml                an outline for mind-map tools
  skilltree show junior-backend --format map --depth 1       the sections as boxes and arrows";

/// What `show` prints, and how much of the roadmap.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Roadmap id
    #[arg(add = ArgValueCandidates::new(roadmap_ids))]
    pub roadmap: String,
    /// Output format; --json means --format json
    #[arg(
        long,
        short = 'f',
        value_enum,
        default_value = "text",
        value_name = "FORMAT"
    )]
    pub format: ShowFormat,
    /// Leave out what is done or skipped
    #[arg(long)]
    pub only_remaining: bool,
    /// Show N levels of groups; deeper nodes fold into their group
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,
    /// Leave out your status: a blank map to share
    #[arg(long)]
    pub no_status: bool,
}

/// The formats `show` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// An indented outline for the terminal
    Text,
    /// The outline as JSON (like --json)
    Json,
    /// A GitHub task list, a heading per group
    Markdown,
    /// A Mermaid flowchart, as GitHub renders in Markdown
    Mermaid,
    /// A Graphviz digraph, for `dot -Tsvg`
    Dot,
    /// An OPML outline, for mind-map and outliner tools
    Opml,
    /// The map the terminal UI shows: boxes and arrows as text (--depth 1: groups only)
    Map,
}

/// A setting turned on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    /// On.
    On,
    /// Off.
    Off,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Every change, one JSON object per line, after a header line.
    Changes,
    /// The current status and note of every topic, as JSON.
    Json,
    /// The same, as CSV.
    Csv,
}

/// What `validate` checks, and how strictly.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Count warnings as errors: exit 1 if any file has one
    #[arg(long)]
    pub strict: bool,
}

/// The first day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WeekStart {
    /// Monday.
    Monday,
    /// Sunday.
    Sunday,
}

/// How well a topic was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RatingArg {
    /// Forgotten.
    Again,
    /// Recalled with difficulty.
    Hard,
    /// Recalled.
    Good,
    /// Recalled with no effort.
    Easy,
}

impl RatingArg {
    /// The core's rating.
    pub fn rating(self) -> crate::progress::Rating {
        use crate::progress::Rating;
        match self {
            RatingArg::Again => Rating::Again,
            RatingArg::Hard => Rating::Hard,
            RatingArg::Good => Rating::Good,
            RatingArg::Easy => Rating::Easy,
        }
    }
}

/// `done`'s topics, and how well they are known.
#[derive(Debug, Args)]
pub struct DoneArgs {
    #[command(flatten)]
    pub topics: Topics,
    /// Also record how well you know them (turns reviews on)
    #[arg(long, value_enum)]
    pub rating: Option<RatingArg>,
}

/// One or more topics.
#[derive(Debug, Args)]
pub struct Topics {
    /// Topics as `roadmap/node` or `node`
    #[arg(required = true, value_name = "TOPIC", add = ArgValueCandidates::new(topic_names))]
    pub topics: Vec<String>,
}
