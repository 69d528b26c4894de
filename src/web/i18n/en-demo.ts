/** English messages of the demo banner; part of `en`. */
export const demo = {
  demo: {
    banner: 'Demo data: every person, case and text here is invented (homeward demo). Do not enter real records.',
  },
};
