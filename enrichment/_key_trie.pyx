# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The gazetteer's keys in a compiled character trie, walked from token starts instead of an automaton.

A Latin key is padded " key ", so it begins at a space of the padded text; an Arabic key is padded
"key " and counts only at a token start or after allowed proclitics (و ف, then ب ل ك; و ف alone
before the "لل" form). Walking the trie from those few places finds exactly the hits that
pyahocorasick's automaton reports and enrichment/gazetteer.py used to keep, with no failure links and
no Python object per discarded hit (the automaton finds a node's child by a linear scan: most of its
time on Arabic text). `KeyTrie.hits` returns them as the gazetteer's Python path takes them;
_ascii_scan.pyx walks the trie of the ASCII keys from C. Declarations are in _key_trie.pxd.

A walk from a space goes down the trie only if the next word may be a key's first word (a 64 KB bit
set, two bits a word: _first_words.pxd): about a quarter of an English text's words are, and the walks
it saves were mostly cache misses in the 200,000-node trie (once the rest of the engine has run, the
scan of an article took ~250 µs, now ~130). The hit lists grow through _growing_array.pxd.
"""

cimport cython
from libc.stdlib cimport calloc, free, malloc, qsort

from enrichment._first_words cimport FIRST_WORD_BITS, FNV_OFFSET, FNV_PRIME, add_to_set, finished, in_set, word_hash
from enrichment._growing_array cimport with_room


cdef int longest_first(const void *a, const void *b) noexcept nogil:
    """The order of the gazetteer's (-length, start, end, key id) tuples."""
    cdef const Hit *x = <const Hit *>a
    cdef const Hit *y = <const Hit *>b
    if x.end - x.start != y.end - y.start:
        return -1 if x.end - x.start > y.end - y.start else 1
    if x.start != y.start:
        return -1 if x.start < y.start else 1
    if x.end != y.end:
        return -1 if x.end < y.end else 1
    return (x.key > y.key) - (x.key < y.key)


cdef int automaton_order(const void *a, const void *b) noexcept nogil:
    """The order pyahocorasick reports hits in: by end, then the longest key (the earliest) first."""
    cdef const Hit *x = <const Hit *>a
    cdef const Hit *y = <const Hit *>b
    if x.end != y.end:
        return -1 if x.end < y.end else 1
    return (x.origin > y.origin) - (x.origin < y.origin)


cdef int _push(HitList *hits, Hit hit) except -1:
    hits.items = <Hit *>with_room(hits.items, hits.size, &hits.capacity, sizeof(Hit))
    hits.items[hits.size] = hit
    hits.size += 1
    return 0


cdef bint _clitics_ok(Py_ssize_t count, Py_UCS4 first, Py_UCS4 second, bint skip) noexcept nogil:
    """Whether the `count` letters glued before an Arabic key are allowed proclitics (gazetteer._clitic_ok)."""
    if count == 0:
        return True
    if count == 1:
        return first == WAW or first == FA or (not skip and (first == BA or first == LAM or first == KAF))
    return not skip and (first == WAW or first == FA) and (second == BA or second == LAM or second == KAF)


@cython.final
cdef class KeyTrie:
    """The padded keys in a character trie: a dense row per node with three children or more."""

    def __cinit__(self, list keys, Py_ssize_t key_count):
        """keys: (padded key, key id, is alias, is cue, clitic characters skipped) for every key."""
        cdef Py_ssize_t total = 1, index, rows = 0, children
        cdef int32_t node, child
        characters = sorted({char for item in keys for char in item[0]})
        if len(characters) >= NO_SYMBOL or (characters and ord(max(characters)) >= CODE_LIMIT):
            raise ValueError("KeyTrie: too many key characters, or one beyond U+07FF")
        for index in range(CODE_LIMIT):
            self.symbol[index] = NO_SYMBOL
        for index, char in enumerate(characters):
            self.symbol[ord(char)] = <uint8_t>index
        self.alphabet = len(characters)
        for item in keys:
            total += len(item[0])
        self.nodes = <Node *>malloc(total * sizeof(Node))
        self.kinds = <uint8_t *>calloc(key_count + 1, sizeof(uint8_t))
        self.shift = <int8_t *>calloc(key_count + 1, sizeof(int8_t))
        if not (self.nodes and self.kinds and self.shift):
            raise MemoryError()
        self.nodes[0] = Node(-1, -1, -1, -1, 0)
        self.node_count = 1
        for padded, key_id, alias, cue, skip in sorted(keys):
            if not 0 <= key_id < key_count:
                raise ValueError("KeyTrie: a key id out of range")
            self._insert(padded, key_id)
            self.kinds[key_id] = (ALIAS if alias else 0) | (CUE if cue else 0) | (SKIP if skip else 0)
            # A hit whose key begins at padded index q: its entity begins at normalised q - 1 + lead + skip.
            self.shift[key_id] = <int8_t>((1 if padded[0] == " " else 0) + skip - 1)
        self._first_word_set(keys)
        for node in range(self.node_count):
            children = 0
            child = self.nodes[node].first_child
            while child >= 0:
                children += 1
                child = self.nodes[child].next_sibling
            if children >= 3:
                self.nodes[node].row = <int32_t>rows
                rows += 1
        self.transitions = <int32_t *>malloc((rows * self.alphabet + 1) * sizeof(int32_t))
        if not self.transitions:
            raise MemoryError()
        for index in range(rows * self.alphabet):
            self.transitions[index] = -1
        for node in range(self.node_count):
            if self.nodes[node].row >= 0:
                child = self.nodes[node].first_child
                while child >= 0:
                    self.transitions[self.nodes[node].row * self.alphabet + self.symbol[self.nodes[child].label]] = child
                    child = self.nodes[child].next_sibling

    cdef int _first_word_set(self, list keys) except -1:
        """The bit set of the first words of the keys padded " key " (none if a key has no space after its first)."""
        cdef Py_ssize_t end
        words = []
        for item in keys:
            padded = item[0]
            if padded[:1] == " ":
                end = padded.find(" ", 1)
                if end < 0:
                    return 0  # a key " word" could end inside a text's word: walk from every space
                words.append(padded[1:end])
        self.first_words = <uint64_t *>calloc(FIRST_WORD_BITS // 64, sizeof(uint64_t))
        if not self.first_words:
            raise MemoryError()
        for word in words:
            add_to_set(self.first_words, word_hash(word))
        return 0

    def __dealloc__(self):
        free(self.first_words)
        free(self.nodes)
        free(self.transitions)
        free(self.kinds)
        free(self.shift)

    cdef void _insert(self, str key, int32_t key_id):
        """Add `key` (keys come in sorted order, so a new child is always its parent's last)."""
        cdef int32_t node = 0, child, last
        cdef uint16_t char
        for letter in key:
            char = <uint16_t>ord(letter)
            child = self.nodes[node].first_child
            last = -1
            while child >= 0 and self.nodes[child].label != char:
                last = child
                child = self.nodes[child].next_sibling
            if child < 0:
                child = <int32_t>self.node_count
                self.node_count += 1
                self.nodes[child] = Node(-1, -1, -1, -1, char)
                if last < 0:
                    self.nodes[node].first_child = child
                else:
                    self.nodes[last].next_sibling = child
            node = child
        self.nodes[node].key = key_id

    cdef inline int32_t child(self, int32_t node, Py_UCS4 char) noexcept nogil:
        """The child of `node` along `char`, or -1."""
        cdef int32_t row = self.nodes[node].row, found
        if char >= CODE_LIMIT or self.symbol[char] == NO_SYMBOL:
            return -1
        if row >= 0:
            return self.transitions[row * self.alphabet + self.symbol[char]]
        found = self.nodes[node].first_child
        while found >= 0 and self.nodes[found].label != char:
            found = self.nodes[found].next_sibling
        return found

    cdef int walk(self, int kind, void *data, Py_ssize_t size, Py_ssize_t origin, Py_ssize_t glued,
                  HitList *aliases, HitList *cues) except -1:
        """The keys beginning at padded index `origin`, after `glued` letters of their token."""
        cdef int32_t node = 0, key
        cdef Py_ssize_t at = origin
        cdef Py_UCS4 first = 0, second = 0
        cdef uint8_t flags
        cdef Hit hit
        if glued:
            first = PyUnicode_READ(kind, data, origin - glued)
            second = PyUnicode_READ(kind, data, origin - 1)
        while at < size:
            node = self.child(node, PyUnicode_READ(kind, data, at))
            if node < 0:
                return 0
            key = self.nodes[node].key
            if key >= 0:
                flags = self.kinds[key]
                if _clitics_ok(glued, first, second, flags & SKIP):
                    # The key is padded[origin : at + 1] and ends in a space: the entity ends at normalised at - 1.
                    hit = Hit(<int32_t>(origin + self.shift[key]), <int32_t>(at - 1), key, <int32_t>origin)
                    if flags & ALIAS:
                        _push(aliases, hit)
                    if flags & CUE:
                        _push(cues, hit)
            at += 1
        return 0

    cdef bint may_begin(self, int kind, void *data, Py_ssize_t size, Py_ssize_t origin, Py_ssize_t *after) noexcept nogil:
        """Whether a key can begin at the space at `origin`: its next word may be a key's first word.

        after: set to the index of the space ending that word (or `size`). Most words of a text begin no
        key, and the set (in cache) answers for them without a walk down the trie (mostly cache misses).
        """
        cdef uint64_t hashed = FNV_OFFSET
        cdef Py_ssize_t at = origin + 1
        cdef Py_UCS4 char
        while at < size:
            char = PyUnicode_READ(kind, data, at)
            if char == SPACE:
                break
            hashed = (hashed ^ <uint64_t>char) * FNV_PRIME
            at += 1
        after[0] = at
        return self.first_words == NULL or in_set(self.first_words, finished(hashed))

    cdef int walk_spaces(self, int kind, void *data, Py_ssize_t size, HitList *aliases, HitList *cues) except -1:
        """Every hit of a key padded " key " (all of an ASCII text's): walks from each space that may begin one."""
        cdef Py_ssize_t origin = 0, after
        while origin < size - 1:
            if PyUnicode_READ(kind, data, origin) != SPACE:
                origin += 1
                continue
            if self.may_begin(kind, data, size, origin, &after):
                self.walk(kind, data, size, origin, 0, aliases, cues)
            origin = after
        return 0

    cdef int walk_tokens(self, int kind, void *data, Py_ssize_t size, HitList *aliases, HitList *cues) except -1:
        """Every hit the gazetteer keeps: from each space, each token start, and after proclitics."""
        cdef Py_ssize_t origin
        cdef Py_UCS4 char, next_char
        for origin in range(size - 1):
            char = PyUnicode_READ(kind, data, origin)
            if char == SPACE:
                self.walk(kind, data, size, origin, 0, aliases, cues)
                continue
            if origin == 0 or PyUnicode_READ(kind, data, origin - 1) != SPACE:
                continue
            self.walk(kind, data, size, origin, 0, aliases, cues)
            if not _clitics_ok(1, char, 0, False):
                continue
            next_char = PyUnicode_READ(kind, data, origin + 1)
            if next_char == SPACE:
                continue
            self.walk(kind, data, size, origin + 1, 1, aliases, cues)
            if _clitics_ok(2, char, next_char, False) and PyUnicode_READ(kind, data, origin + 2) != SPACE:
                self.walk(kind, data, size, origin + 2, 2, aliases, cues)
        return 0

    def hits(self, str padded, bint spaces_only=False):
        """(alias hits as (-length, start, end, key id), longest first; cue hits as (start, end, key id)).

        spaces_only: walk from spaces only, enough when every key is padded " key " (the ASCII trie).
        """
        cdef HitList aliases = HitList(NULL, 0, 0), cues = HitList(NULL, 0, 0)
        cdef Py_ssize_t index, size = PyUnicode_GET_LENGTH(padded)
        cdef int kind = PyUnicode_KIND(padded)
        cdef void *data = PyUnicode_DATA(padded)
        cdef Hit hit
        try:
            if spaces_only:
                self.walk_spaces(kind, data, size, &aliases, &cues)
            else:
                self.walk_tokens(kind, data, size, &aliases, &cues)
            qsort(aliases.items, aliases.size, sizeof(Hit), longest_first)
            qsort(cues.items, cues.size, sizeof(Hit), automaton_order)
            raw = []
            for index in range(aliases.size):
                hit = aliases.items[index]
                raw.append((hit.start - hit.end, hit.start, hit.end, hit.key))
            found = [(cues.items[index].start, cues.items[index].end, cues.items[index].key) for index in range(cues.size)]
        finally:
            free(aliases.items)
            free(cues.items)
        return raw, found
