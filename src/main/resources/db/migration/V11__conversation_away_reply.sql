-- When the customer got the away reply (the team was not at work): once per conversation, at its
-- opening or at the first message after hours.
ALTER TABLE conversation ADD COLUMN away_sent_at TIMESTAMP WITH TIME ZONE;
