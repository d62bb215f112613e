-- The full-text index keeps which records hold a term, not where in them (`detail = none`). Search matches
-- every word as a prefix and ranks by how rare the words are and how short the entry is, so word positions
-- were never read; writing them was an eighth of what indexing an import's entries cost, and three quarters
-- of the index's size. Queries are single words (`store::search_index::prefix_query`): FTS5 refuses phrases
-- and column filters on such an index.
--
-- Nor does it store each entry's length (`columnsize = 0`): ranking works it out from the entry's text for
-- the matches it ranks (at most a thousand a search), and ranked search took as long at a million contacts.
-- Storing it was another eighth of indexing an import's entries, and a table more for the import to copy.
--
-- FTS5 cannot change an index's options in place, so it is built again from its stored entries, the way a bulk
-- import writes it (`store::search_index::Deferral`): large segments, not merged as they are written; the raised
-- `crisismerge` left behind has the background merge them after (`search_index::merge_step`).
CREATE VIRTUAL TABLE search_index_v18 USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3',
    detail = none,
    columnsize = 0
);

INSERT INTO search_index_v18 (search_index_v18, rank) VALUES ('hashsize', 33554432);
INSERT INTO search_index_v18 (search_index_v18, rank) VALUES ('automerge', 0);
INSERT INTO search_index_v18 (search_index_v18, rank) VALUES ('crisismerge', 1000);

INSERT INTO search_index_v18 (rowid, title, body) SELECT id, c0, c1 FROM search_index_content ORDER BY id;

INSERT INTO search_index_v18 (search_index_v18, rank) VALUES ('automerge', 4);
INSERT INTO search_index_v18 (search_index_v18, rank) VALUES ('hashsize', 1048576);

DROP TABLE search_index;
ALTER TABLE search_index_v18 RENAME TO search_index;
