import { type PyDict, pyEquals, pyRaise, pyStr } from '@codeact/mint';
import { fullEquality, outputAndException } from './api-checks.js';
import { type ApiDefinition, asDict, getItem, path, runApi, success } from './api-definition.js';
import { strLower, strStrip } from './str-methods.js';

const imageCaption: ApiDefinition = {
  name: 'ImageCaption',
  parameters: ['url'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const url = strStrip(get('url'));
      if (!url.endsWith('.jpg') && !url.endsWith('.jpeg') && !url.endsWith('.png')) {
        pyRaise('The url should end with .jpg, .jpeg or .png.');
      }
      const database = context.database('ImageCaptioning.json');
      for (const item of database.type === 'list' ? database.items : []) {
        if (pyEquals(getItem(item, 'url'), pyStr(url))) return getItem(item, 'caption');
      }
      return pyRaise('The image of this url failed to be processed.');
    });
  },
  check: fullEquality,
};

const speechRecognition: ApiDefinition = {
  name: 'SpeechRecognition',
  parameters: ['url'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const url = strStrip(get('url'));
      if (!url.endsWith('.wav')) pyRaise('The url should end with .wav.');
      const database = asDict(context.database('SpeechRecognition.json'));
      if (!database.has(url)) pyRaise('The audio of this url failed to be processed.');
      return getItem(database, url);
    });
  },
  check: fullEquality,
};

const emailPattern = /^[a-z0-9]+[._]?[a-z0-9]+[@][\p{L}\p{N}_]+[.][\p{L}\p{N}_]{2,3}$/u;

const sendEmail: ApiDefinition = {
  name: 'SendEmail',
  parameters: ['receiver', 'subject', 'content'],
  call(args) {
    return runApi(this.name, this.parameters, args, (get) => {
      const receiver = strStrip(get('receiver'));
      const subject = strStrip(get('subject'));
      const content = strStrip(get('content'));
      if (!emailPattern.test(receiver)) pyRaise('Email address of the receiver is invalid.');
      if (subject === '') pyRaise('Subject cannot be empty.');
      if (content === '') pyRaise('Content cannot be empty.');
      return success;
    });
  },
  check(response, groundTruth) {
    const field = (result: PyDict, key: string) => strStrip(path(result, 'input', key));
    return (
      strLower(field(response, 'receiver')) === strLower(field(groundTruth, 'receiver')) &&
      field(response, 'subject') === field(groundTruth, 'subject') &&
      field(response, 'content') === field(groundTruth, 'content') &&
      outputAndException(response, groundTruth)
    );
  },
};

export const utilityApis: readonly ApiDefinition[] = [imageCaption, speechRecognition, sendEmail];
