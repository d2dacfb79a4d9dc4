//! `man DIR`: a roff man page per command, from the clap definitions.

use std::path::Path;

use clap::CommandFactory;

use super::args::Cli;

/// Writes `skilltree.1` and `skilltree-COMMAND.1` for every visible command
/// into `dir`; returns the file names.
pub fn write_pages(dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut cmd = Cli::command();
    cmd.build();
    // Once built, a subcommand's display name is `skilltree-show`, which
    // clap_mangen uses for the page's title and name.
    let mut pages = vec![("skilltree".to_string(), cmd.clone())];
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        pages.push((format!("skilltree-{}", sub.get_name()), sub.clone()));
    }
    let mut written = Vec::new();
    for (name, page) in pages {
        let mut roff = Vec::new();
        clap_mangen::Man::new(page).render(&mut roff)?;
        let file = format!("{name}.1");
        std::fs::write(dir.join(&file), roff)?;
        written.push(file);
    }
    Ok(written)
}
