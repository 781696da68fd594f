// `express-4` is an npm alias of express@4; its API is the one @types/express describes for
// everything these tests touch.
declare module 'express-4' {
  import express from 'express';
  export default express;
}
