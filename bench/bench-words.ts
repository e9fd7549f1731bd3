// The English vocabulary of the generated benchmark posts (bench/seed.ts, bench/search.bench.ts).
export const EN_WORDS = (
  'app update phone screen camera photo sync cloud folder note notes share family widget theme dark mode settings account login ' +
  'password email notification sound keyboard shortcut backup restore export import tablet watch bluetooth wifi network slow fast ' +
  'crash freeze error message button menu page list search filter sort version release build install storage memory language ' +
  'font size color icon home lock calendar reminder alarm timer map location gps music video stream download upload file'
).split(' ');
export const EN_LINKS = 'the a and but when after since while because so then also still again really maybe please'.split(' ');
