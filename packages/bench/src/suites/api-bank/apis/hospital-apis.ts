import { pyRaise } from '../python/py-exception.js';
import { pyStrip } from '../python/py-string.js';
import { type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  getItem,
  path,
  runApi,
  sameNormalised,
} from './api-definition.js';
import { dateFormat, formatCheck, raiseIfError } from './format-check.js';

const appointments = (context: ApiContext) => asDict(context.database('Appointments.json'));
const normaliseDate = (value: PyValue) => formatCheck(value, dateFormat);

const appointmentRegistration: ApiDefinition = {
  name: 'AppointmentRegistration',
  parameters: ['patient_name', 'date', 'doctor_name'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const patient = pyStrip(get('patient_name'));
      const doctor = pyStrip(get('doctor_name'));
      if (patient === '' || doctor === '') pyRaise('Patient name or doctor name cannot be empty.');
      const date = raiseIfError(normaliseDate(get('date')));
      const database = appointments(context);
      for (const record of database.values()) {
        if (!pyEquals(getItem(record, 'patient_name'), patient)) continue;
        if (sameNormalised(normaliseDate(getItem(record, 'date')), date)) {
          if (pyEquals(getItem(record, 'doctor_name'), doctor))
            pyRaise('This appointment has already been registered.');
          pyRaise('This patient has already been registered in this day.');
        }
      }
      let id: string;
      do id = String(10_000_000 + Math.floor(context.random() * 90_000_000));
      while (database.has(id));
      database.set(
        id,
        new Map<string, PyValue>([
          ['patient_name', patient],
          ['date', date],
          ['doctor_name', doctor],
        ]),
      );
      return id;
    });
  },
  check(response, groundTruth) {
    const responseInput = (key: string) => path(response, 'input', key);
    const truthInput = (key: string) => path(groundTruth, 'input', key);
    if (pyStrip(responseInput('patient_name')) !== pyStrip(truthInput('patient_name'))) return false;
    if (!sameNormalised(normaliseDate(responseInput('date')), normaliseDate(truthInput('date')))) return false;
    if (pyStrip(responseInput('doctor_name')) !== pyStrip(truthInput('doctor_name'))) return false;
    if (path(groundTruth, 'output') === null && path(response, 'output') !== null) return false;
    return pyEquals(path(response, 'exception'), path(groundTruth, 'exception'));
  },
};

const cancelRegistration: ApiDefinition = {
  name: 'CancelRegistration',
  parameters: ['appointment_id'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const id = pyStrip(get('appointment_id'));
      const database = appointments(context);
      if (!database.has(id)) pyRaise('The appointment ID is incorrect.');
      database.delete(id);
      return 'success';
    });
  },
  check(response, groundTruth) {
    return (
      pyStrip(path(response, 'input', 'appointment_id')) === pyStrip(path(groundTruth, 'input', 'appointment_id')) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

const modifyRegistration: ApiDefinition = {
  name: 'ModifyRegistration',
  parameters: ['appointment_id', 'new_appointment_date', 'new_appointment_doctor'],
  optional: ['new_appointment_date', 'new_appointment_doctor'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const id = pyStrip(get('appointment_id'));
      const database = appointments(context);
      if (!database.has(id)) pyRaise('The appointment ID does not exist.');
      const record = getItem(database, id) as PyDict;
      const date = get('new_appointment_date') === null ? null : normaliseDate(get('new_appointment_date'));
      let doctor: string | null = null;
      if (get('new_appointment_doctor') !== null) {
        doctor = pyStrip(get('new_appointment_doctor'));
        if (doctor === '') pyRaise('Fail because the doctor name is empty.');
      }
      const newDate = raiseIfError(date);
      if (newDate === null && doctor === null) pyRaise('Fail because no modification is made.');
      if (newDate === null) {
        if (pyEquals(doctor, getItem(record, 'doctor_name'))) pyRaise('Fail because doctor is not changed.');
        record.set('doctor_name', doctor);
      } else if (doctor === null) {
        if (pyEquals(newDate, getItem(record, 'date'))) pyRaise('Fail because date is not changed.');
        record.set('date', newDate);
      } else {
        const sameDate = pyEquals(newDate, getItem(record, 'date'));
        const sameDoctor = pyEquals(doctor, getItem(record, 'doctor_name'));
        if (sameDate && sameDoctor) pyRaise('Fail because no modification is made.');
        if (sameDate) pyRaise('Fail because date is not changed.');
        if (sameDoctor) pyRaise('Fail because doctor is not changed.');
        record.set('date', newDate);
        record.set('doctor_name', doctor);
      }
      return 'success';
    });
  },
  check(response, groundTruth) {
    const normalised = (result: PyDict) => {
      const date = path(result, 'input', 'new_appointment_date');
      const doctor = path(result, 'input', 'new_appointment_doctor');
      return {
        id: pyStrip(path(result, 'input', 'appointment_id')),
        date: date === null ? null : normaliseDate(date),
        doctor: doctor === null ? null : pyStrip(doctor),
      };
    };
    const actual = normalised(response);
    const expected = normalised(groundTruth);
    return (
      actual.id === expected.id &&
      sameNormalised(actual.date, expected.date) &&
      actual.doctor === expected.doctor &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

const queryRegistration: ApiDefinition = {
  name: 'QueryRegistration',
  parameters: ['patient_name', 'date'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const patient = pyStrip(get('patient_name'));
      const date = raiseIfError(normaliseDate(get('date')));
      const found: PyDict = new Map();
      for (const [id, record] of appointments(context)) {
        if (!pyEquals(getItem(record, 'patient_name'), patient)) continue;
        if (sameNormalised(normaliseDate(getItem(record, 'date')), date)) found.set(id, record);
      }
      if (found.size === 0) pyRaise('No appointments found.');
      return found;
    });
  },
  check(response, groundTruth) {
    if (pyStrip(path(response, 'input', 'patient_name')) !== pyStrip(path(groundTruth, 'input', 'patient_name'))) {
      return false;
    }
    const responseDate = normaliseDate(path(response, 'input', 'date'));
    const truthDate = normaliseDate(path(groundTruth, 'input', 'date'));
    return (
      sameNormalised(responseDate, truthDate) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

export const hospitalApis: readonly ApiDefinition[] = [
  appointmentRegistration,
  cancelRegistration,
  modifyRegistration,
  queryRegistration,
];
