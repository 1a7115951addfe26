-- the background re-embedding after a change of embedding model looks up, page by page, the articles whose chunks carry
-- another model's vectors: without an index each page would read every chunk
create index chunk_embedding_model_idx on chunk (embedding_model, article_id);
