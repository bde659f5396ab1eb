/*
 * A structural pre-scan of HPACK header blocks (RFC 7541 §6), run one representation ahead of nghttp2.
 *
 * nghttp2's inflater answers every broken block with the same NGHTTP2_ERR_HEADER_COMP and enforces
 * none of hyper's own limits, so this scan reads each representation's opcode, integers and string
 * lengths first. It refuses what breaks a rule with the precise HpackDecodingException reason (and a
 * too-long string before nghttp2 allocates for it), and tells the inflater where each representation
 * ends, so nghttp2 is fed exactly one representation at a time and its emissions line up with them.
 * Huffman data is the only thing it leaves to nghttp2. Its rules and their order are those of hyper's
 * pure-Java decoder (hyper.impl.hpack.JavaHpackDecoder), so both codecs refuse a block for the same reason.
 */
#ifndef HH_SCAN_H
#define HH_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* Entries in the static table (RFC 7541 Appendix A). */
#define HH_STATIC_ENTRIES 61u

/* nghttp2 refuses a string literal longer than this (NGHTTP2_HD_MAX_NV), whatever hyper's limit. */
#define HH_NGHTTP2_MAX_STRING 65536u

/* Results of hh_scan_step. */
#define HS_COMPLETE 0 /* a representation ended at p + *used */
#define HS_PARTIAL 1  /* all n octets belong to a representation that continues in the next fragment */
#define HS_ERROR 2    /* s->error says which rule broke */

/* What a representation is, from its first octet (RFC 7541 §6.1 - §6.3). */
enum hh_kind {
  HK_INDEXED,
  HK_INCREMENTAL,
  HK_WITHOUT_INDEXING,
  HK_NEVER_INDEXED,
  HK_SIZE_UPDATE
};

typedef struct {
  /* longest string literal, in octets as sent (before Huffman decoding) */
  uint32_t max_string;
  /* the limit hyper was configured with, for the message when nghttp2's cap is the lower one */
  uint32_t configured_max_string;

  /* Table size rules (RFC 7541 §4.2, §6.3), the same as hyper's Java decoder applies. */
  uint32_t allowed_max;  /* SETTINGS_HEADER_TABLE_SIZE the peer acknowledged: no update may exceed it */
  uint32_t table_max;    /* the maximum the last size update set (4,096 at first) */
  int64_t required_max;  /* the limit fell below table_max: the next block must update to at most this; or -1 */

  /* Where the current block is. */
  int in_block;       /* an octet of it was seen */
  int fields_started; /* a representation other than a size update began: no more updates */
  int size_updates;   /* size updates at its start so far */

  /* The representation being read. */
  int phase;
  int kind;
  uint32_t name_index; /* index of its name in the tables; 0 when the name is a literal */
  int huffman;         /* one of its strings is Huffman-coded */

  /* The integer being read (RFC 7541 §5.1) and the string being skipped (§5.2). */
  uint64_t int_value;
  unsigned int_shift;
  int int_role;
  uint32_t str_left;

  /* Why the last step failed: an hh_reason, the offending value and the limit it broke. */
  int error;
  uint64_t error_value;
  uint64_t error_limit;
} hh_scan;

/* A scan for a fresh decoding context: 4,096-octet table (RFC 7541 §4.2), acknowledged limit 4,096. */
void hh_scan_init(hh_scan *s, uint32_t max_string);

/* Changes the longest string literal allowed. */
void hh_scan_set_max_string(hh_scan *s, uint32_t max_string);

/* A new acknowledged SETTINGS_HEADER_TABLE_SIZE. */
void hh_scan_settings(hh_scan *s, uint32_t acknowledged);

/*
 * Reads at most one representation (or the rest of one) from p[0..n), n > 0. |dynamic_entries| is the
 * number of entries in the dynamic table as nghttp2 has it now, which is exact because nghttp2 has
 * been fed everything before this representation.
 */
int hh_scan_step(hh_scan *s, const uint8_t *p, size_t n, size_t *used, uint32_t dynamic_entries);

/* The block ends here: HS_COMPLETE, or HS_ERROR when it ends inside a representation or lacks a required update. */
int hh_scan_end_block(hh_scan *s);

/* Between blocks (no octet of the next block seen yet). */
int hh_scan_between_blocks(const hh_scan *s);

#endif /* HH_SCAN_H */
