-- A concluded course (or one whose term ended) keeps its IC gradebook and no longer syncs.
ALTER TABLE course ADD COLUMN concluded BOOLEAN NOT NULL DEFAULT false;

-- Inactive and concluded enrollments stay on the roster: their synced scores stay in IC, later changes are skipped.
ALTER TABLE student_enrollment ADD COLUMN state VARCHAR(50) NOT NULL DEFAULT 'active';

-- The late penalty is part of a score's content; ever_graded tells a cleared score (remove its IC result) from one
-- that never had a grade (nothing to remove).
ALTER TABLE score ADD COLUMN points_deducted DOUBLE PRECISION;
ALTER TABLE score ADD COLUMN ever_graded BOOLEAN NOT NULL DEFAULT false;
UPDATE score SET ever_graded = (score IS NOT NULL OR excused OR missing);
ALTER TABLE pending_score ADD COLUMN points_deducted DOUBLE PRECISION;
ALTER TABLE pending_score ADD COLUMN ever_graded BOOLEAN NOT NULL DEFAULT false;
UPDATE pending_score SET ever_graded = (score IS NOT NULL OR excused OR missing);
