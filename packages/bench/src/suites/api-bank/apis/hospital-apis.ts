import { PyDict, type PyValue, pyEquals, pyRaise, pyStr } from '@codeact/mint';
import { outputAndException, sameNormalised } from './api-checks.js';
import { type ApiContext, type ApiDefinition, asDict, getItem, path, runApi, success } from './api-definition.js';
import { dateFormat, formatCheck, raiseIfError } from './format-check.js';
import { strStrip } from './str-methods.js';

const appointments = (context: ApiContext) => asDict(context.database('Appointments.json'));
const normaliseDate = (value: PyValue) => formatCheck(value, dateFormat);

const appointmentRegistration: ApiDefinition = {
  name: 'AppointmentRegistration',
  parameters: ['patient_name', 'date', 'doctor_name'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const patient = strStrip(get('patient_name'));
      const doctor = strStrip(get('doctor_name'));
      if (patient === '' || doctor === '') pyRaise('Patient name or doctor name cannot be empty.');
      const date = raiseIfError(normaliseDate(get('date')));
      const database = appointments(context);
      for (const record of database.values()) {
        if (!pyEquals(getItem(record, 'patient_name'), pyStr(patient))) continue;
        if (sameNormalised(normaliseDate(getItem(record, 'date')), date)) {
          if (pyEquals(getItem(record, 'doctor_name'), pyStr(doctor)))
            pyRaise('This appointment has already been registered.');
          pyRaise('This patient has already been registered in this day.');
        }
      }
      let id: string;
      do id = String(10_000_000 + Math.floor(context.random() * 90_000_000));
      while (database.has(id));
      database.set(
        id,
        new PyDict([
          ['patient_name', pyStr(patient)],
          ['date', pyStr(date)],
          ['doctor_name', pyStr(doctor)],
        ]),
      );
      return pyStr(id);
    });
  },
  check(response, groundTruth) {
    const responseInput = (key: string) => path(response, 'input', key);
    const truthInput = (key: string) => path(groundTruth, 'input', key);
    if (strStrip(responseInput('patient_name')) !== strStrip(truthInput('patient_name'))) return false;
    if (!sameNormalised(normaliseDate(responseInput('date')), normaliseDate(truthInput('date')))) return false;
    if (strStrip(responseInput('doctor_name')) !== strStrip(truthInput('doctor_name'))) return false;
    if (path(groundTruth, 'output').type === 'none' && path(response, 'output').type !== 'none') return false;
    return pyEquals(path(response, 'exception'), path(groundTruth, 'exception'));
  },
};

const cancelRegistration: ApiDefinition = {
  name: 'CancelRegistration',
  parameters: ['appointment_id'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const id = strStrip(get('appointment_id'));
      const database = appointments(context);
      if (!database.has(id)) pyRaise('The appointment ID is incorrect.');
      database.delete(id);
      return success;
    });
  },
  check(response, groundTruth) {
    return (
      strStrip(path(response, 'input', 'appointment_id')) === strStrip(path(groundTruth, 'input', 'appointment_id')) &&
      outputAndException(response, groundTruth)
    );
  },
};

const modifyRegistration: ApiDefinition = {
  name: 'ModifyRegistration',
  parameters: ['appointment_id', 'new_appointment_date', 'new_appointment_doctor'],
  optional: ['new_appointment_date', 'new_appointment_doctor'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const id = strStrip(get('appointment_id'));
      const database = appointments(context);
      if (!database.has(id)) pyRaise('The appointment ID does not exist.');
      const record = asDict(getItem(database, id));
      const date = get('new_appointment_date').type === 'none' ? null : normaliseDate(get('new_appointment_date'));
      let doctor: string | null = null;
      if (get('new_appointment_doctor').type !== 'none') {
        doctor = strStrip(get('new_appointment_doctor'));
        if (doctor === '') pyRaise('Fail because the doctor name is empty.');
      }
      const newDate = raiseIfError(date);
      if (newDate === null) {
        if (doctor === null) return pyRaise('Fail because no modification is made.');
        if (pyEquals(pyStr(doctor), getItem(record, 'doctor_name'))) pyRaise('Fail because doctor is not changed.');
        record.set('doctor_name', pyStr(doctor));
      } else if (doctor === null) {
        if (pyEquals(pyStr(newDate), getItem(record, 'date'))) pyRaise('Fail because date is not changed.');
        record.set('date', pyStr(newDate));
      } else {
        const sameDate = pyEquals(pyStr(newDate), getItem(record, 'date'));
        const sameDoctor = pyEquals(pyStr(doctor), getItem(record, 'doctor_name'));
        if (sameDate && sameDoctor) pyRaise('Fail because no modification is made.');
        if (sameDate) pyRaise('Fail because date is not changed.');
        if (sameDoctor) pyRaise('Fail because doctor is not changed.');
        record.set('date', pyStr(newDate));
        record.set('doctor_name', pyStr(doctor));
      }
      return success;
    });
  },
  check(response, groundTruth) {
    const normalised = (result: PyDict) => {
      const date = path(result, 'input', 'new_appointment_date');
      const doctor = path(result, 'input', 'new_appointment_doctor');
      return {
        id: strStrip(path(result, 'input', 'appointment_id')),
        date: date.type === 'none' ? null : normaliseDate(date),
        doctor: doctor.type === 'none' ? null : strStrip(doctor),
      };
    };
    const actual = normalised(response);
    const expected = normalised(groundTruth);
    return (
      actual.id === expected.id &&
      sameNormalised(actual.date, expected.date) &&
      actual.doctor === expected.doctor &&
      outputAndException(response, groundTruth)
    );
  },
};

const queryRegistration: ApiDefinition = {
  name: 'QueryRegistration',
  parameters: ['patient_name', 'date'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const patient = strStrip(get('patient_name'));
      const date = raiseIfError(normaliseDate(get('date')));
      const found = new PyDict();
      for (const [id, record] of appointments(context)) {
        if (!pyEquals(getItem(record, 'patient_name'), pyStr(patient))) continue;
        if (sameNormalised(normaliseDate(getItem(record, 'date')), date)) found.set(id, record);
      }
      if (found.size === 0) pyRaise('No appointments found.');
      return found;
    });
  },
  check(response, groundTruth) {
    if (strStrip(path(response, 'input', 'patient_name')) !== strStrip(path(groundTruth, 'input', 'patient_name'))) {
      return false;
    }
    const responseDate = normaliseDate(path(response, 'input', 'date'));
    const truthDate = normaliseDate(path(groundTruth, 'input', 'date'));
    return sameNormalised(responseDate, truthDate) && outputAndException(response, groundTruth);
  },
};

export const hospitalApis: readonly ApiDefinition[] = [
  appointmentRegistration,
  cancelRegistration,
  modifyRegistration,
  queryRegistration,
];
