//! The `skilltree` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    skilltree::cli::main()
}
