-- Nothing looks deliveries up by device alone (reports go by broadcast or by area), yet every proof-of-play write
-- kept this index up to date: a province-wide switch writes thousands of rows within seconds.
DROP INDEX deliveries_device;
