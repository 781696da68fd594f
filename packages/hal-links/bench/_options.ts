// The machine the benches run on is shared and noisy: sample each row longer than vitest's
// default 500 ms so one stall weighs less in the mean the ratio is computed from.
export const options = { time: 1500, warmupTime: 300 };
