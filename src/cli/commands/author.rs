//! For roadmap authors and shells: `new`, `schema`, `completions`, `man`.

use crate::app::{data_dir, scaffold, schema};
use crate::roadmap::sanitize::clean_line;

use super::super::args::{NewArgs, Shell};
use super::super::output::json;
use super::super::{CliError, Out, complete, man};

/// `skilltree new ID [--title T] [-o FILE]`.
pub fn new(args: &NewArgs, o: &mut Out<'_>) -> Result<(), CliError> {
    let created = scaffold::new_roadmap(
        data_dir().as_deref(),
        &args.id,
        args.title.as_deref(),
        args.output.as_deref(),
    )?;
    if o.json {
        return json(o.out, &created);
    }
    writeln!(o.out, "Wrote {} ({}).", created.path, created.id)?;
    match &args.output {
        None => writeln!(o.out, "It loads with the built-in roadmaps from now on.")?,
        Some(_) => writeln!(
            o.out,
            "Load it with `skilltree --roadmap {}`, or move it into <data dir>/roadmaps/.",
            created.path
        )?,
    }
    writeln!(
        o.out,
        "Edit it, then check it with `skilltree validate {}`.",
        created.path
    )?;
    Ok(())
}

/// `skilltree schema`.
pub fn schema(o: &mut Out<'_>) -> Result<(), CliError> {
    o.out.write_all(schema::roadmap_schema_text().as_bytes())?;
    Ok(())
}

/// `skilltree completions SHELL`.
pub fn completions(shell: Shell, o: &mut Out<'_>) -> Result<(), CliError> {
    complete::write_script(shell, o.out)?;
    Ok(())
}

/// `skilltree man DIR`.
pub fn man(dir: &std::path::Path, o: &mut Out<'_>) -> Result<(), CliError> {
    let shown = clean_line(&dir.display().to_string()).into_owned();
    let pages = man::write_pages(dir).map_err(|e| {
        CliError::input(
            format!("cannot write man pages into {shown}: {e}"),
            "name a folder you may write to",
        )
    })?;
    if o.json {
        return json(o.out, &pages);
    }
    writeln!(o.out, "Wrote {} man pages into {shown}.", pages.len())?;
    Ok(())
}
