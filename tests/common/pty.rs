//! The real binary in a pseudo-terminal (portable-pty), its output fed to a
//! terminal emulator (vt100), so a test reads the screen a person would see.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// A running skilltree in a 24×80 pseudo-terminal.
pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    /// The process, for tests that signal or wait for it themselves.
    pub child: Box<dyn Child + Send + Sync>,
}

impl Session {
    /// Starts skilltree with `dir` as its data folder.
    pub fn start(dir: &Path, args: &[&str]) -> Session {
        Session::start_with(dir, &[], args)
    }

    /// Starts skilltree with `dir` as its data folder and `env` set too.
    pub fn start_with(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(size(24, 80))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_skilltree"));
        cmd.env("SKILLTREE_DATA_DIR", dir);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.args(args);
        let child = pty.slave.spawn_command(cmd).expect("spawn skilltree");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        Session {
            screen,
            master: pty.master,
            writer,
            child,
        }
    }

    /// What the screen shows now.
    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.text();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {text:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types `keys`.
    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Resizes the terminal, as a window resize would.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// Waits for the process to exit successfully; returns whether the
    /// terminal left the alternate screen.
    pub fn finish(mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "skilltree exited with {status:?}");
                break;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("skilltree did not quit; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        !self.screen.lock().unwrap().screen().alternate_screen()
    }
}
