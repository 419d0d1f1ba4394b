// SwiftPM drops pkg-config's -D flags, so the wide-character API is enabled here,
// identically in every module that includes curses.h.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift 6 rejects the mutable C globals; these getters read them.
static inline WINDOW *dmlx_stdscr(void) { return stdscr; }
static inline int dmlx_lines(void) { return LINES; }
static inline int dmlx_cols(void) { return COLS; }
static inline int dmlx_colors(void) { return COLORS; }
static inline int dmlx_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *dmlx_stdin(void) { return stdin; }
static inline FILE *dmlx_stdout(void) { return stdout; }

// Function-like macros Swift does not import.
static inline attr_t dmlx_attr_bold(void) { return A_BOLD; }
static inline attr_t dmlx_attr_dim(void) { return A_DIM; }
static inline attr_t dmlx_attr_reverse(void) { return A_REVERSE; }
static inline mmask_t dmlx_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t dmlx_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t dmlx_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t dmlx_button5_pressed(void) { return BUTTON5_PRESSED; }

// A terminfo string capability, NULL when the terminal lacks it (tigetstr answers
// (char *)-1 for "not a string capability" and NULL for "absent or cancelled").
static inline const char *dmlx_terminfo_string(const char *name) {
    const char *value = tigetstr(name);
    return (value == (const char *)-1) ? NULL : value;
}

// tparm is variadic, which Swift cannot call.
static inline const char *dmlx_tparm1(const char *capability, long parameter) {
    return tiparm(capability, (int)parameter);
}
