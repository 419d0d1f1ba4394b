// SwiftPM drops pkg-config's -D flags, so the wide-character API is enabled here,
// identically in every module that includes curses.h.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

// Swift 6 rejects the mutable C globals; these getters read them.
static inline WINDOW *dmlx_stdscr(void) { return stdscr; }
static inline int dmlx_lines(void) { return LINES; }
static inline int dmlx_cols(void) { return COLS; }
