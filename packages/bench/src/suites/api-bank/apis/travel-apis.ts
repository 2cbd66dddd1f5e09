import { compareDateTimes, PyDict, pyEquals, pyInt, pyRaise, pyStr, pyStrptime } from '@codeact/mint';
import { fullEquality } from './api-checks.js';
import { type ApiDefinition, asDict, getItem, runApi } from './api-definition.js';
import { dateFormat } from './format-check.js';

const bookHotel: ApiDefinition = {
  name: 'BookHotel',
  parameters: ['hotel_name', 'check_in_time', 'check_out_time', 'room_count', 'adult_count', 'child_count'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const checkIn = pyStrptime(get('check_in_time'), dateFormat);
      const checkOut = pyStrptime(get('check_out_time'), dateFormat);
      const order = new PyDict(this.parameters.map((name) => [name, get(name)]));
      const adults = get('adult_count');
      if (adults.type === 'int' && adults.value > 2n && pyEquals(get('room_count'), pyInt(1))) {
        pyRaise('The number of adults is greater than 2. Two rooms are ordered.');
      }
      const database = asDict(context.database('Hotel.json'));
      for (const item of database.values()) {
        if (!pyEquals(getItem(item, 'hotel_name'), get('hotel_name'))) continue;
        const bookedIn = pyStrptime(getItem(item, 'check_in_time'), dateFormat);
        const bookedOut = pyStrptime(getItem(item, 'check_out_time'), dateFormat);
        const inOverlaps = compareDateTimes(checkIn, bookedIn) >= 0 && compareDateTimes(checkIn, bookedOut) < 0;
        const outOverlaps = compareDateTimes(checkOut, bookedIn) > 0 && compareDateTimes(checkOut, bookedOut) <= 0;
        if (inOverlaps || outOverlaps) pyRaise('The room is not available.');
      }
      const id = pyStr(String(database.size + 1));
      database.set(id, order);
      return id;
    });
  },
  check: fullEquality,
};

export const travelApis: readonly ApiDefinition[] = [bookHotel];
