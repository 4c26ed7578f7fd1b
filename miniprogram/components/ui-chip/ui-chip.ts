/**
 * A status said in a word or two (审核中, 已办结), coloured by what it means for the holder:
 * ok (done, in force), warn (waiting on them or soon due), danger (refused, lost, cancelled),
 * info (in progress with staff), neutral (anything else). Every tone keeps the text at 4.5:1 or more,
 * and the word itself carries the meaning, so colour is never the only signal.
 */
Component({
  properties: {
    tone: { type: String, value: 'neutral' },
    text: { type: String, value: '' },
  },
});
