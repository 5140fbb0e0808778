-- What a journey's end means to the application that started it, as the end event's journeyOutcome
-- extension property names it (an appointment reminder ends "confirmed", "cancelled", ...). Null
-- while the journey runs, and for ends that name none.
ALTER TABLE journey ADD COLUMN outcome VARCHAR(64);
