"""Scoring of akhbar's enrichment against gold data in ../shared/eval and ../shared/samples."""
