#ifndef SUSPENDSCOPE_CNCURSES_H
#define SUSPENDSCOPE_CNCURSES_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot import. */
static inline int ss_color_pair(int n) { return COLOR_PAIR(n); }
static inline int ss_key_f(int n) { return KEY_F(n); }
static inline unsigned long ss_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline unsigned long ss_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
static inline unsigned long ss_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline unsigned long ss_button3_any(void) { return BUTTON3_PRESSED | BUTTON3_CLICKED | BUTTON3_RELEASED; }
static inline unsigned long ss_buttons_released(void) { return BUTTON1_RELEASED | BUTTON2_RELEASED | BUTTON3_RELEASED; }
static inline int ss_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t ss_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline int ss_key_resize(void) { return KEY_RESIZE; }
static inline attr_t ss_a_bold(void) { return A_BOLD; }
static inline attr_t ss_a_reverse(void) { return A_REVERSE; }
static inline attr_t ss_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ss_a_dim(void) { return A_DIM; }
static inline int ss_setcchar(cchar_t *c, const wchar_t *w, attr_t a, short pair) { return setcchar(c, w, a, pair, NULL); }
#endif
